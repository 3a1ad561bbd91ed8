#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace esc {

/// One key of a template context: a value, a map of keys, a list of maps or
/// a list of strings.
struct ContextKey {
  enum class Kind { value, map, list, string_list };
  std::string name;
  Kind kind = Kind::value;
  bool raw = false;  // preformatted markup (SVG, Mermaid) that may be inserted unescaped
  std::vector<ContextKey> children;
};

/// Parses the compact schema notation: keys separated by spaces; `name{...}`
/// a map, `name[...]` a list of maps, `name[.]` a list of strings, a `!`
/// suffix marks raw markup. Throws std::invalid_argument on a malformed text.
std::vector<ContextKey> parse_context_schema(std::string_view text);

/// One problem found in a template (1-based line).
struct TemplateProblem {
  std::string file;
  std::size_t line = 0;
  std::string message;
};

/// Checks what mstch would silently get wrong: unbalanced or mismatched
/// sections, unclosed tags, bad delimiter changes, variables and sections not
/// in `schema` (resolved through the enclosing sections as Mustache does),
/// lists used as values, unescaped insertion ({{{x}}} or {{&x}}) of anything
/// but raw markup, unknown partials and partials that include themselves.
/// Partials are checked where they are included. Empty when the template is sound.
std::vector<TemplateProblem> check_template(const std::string& file, const std::string& text,
                                            const std::vector<ContextKey>& schema,
                                            const std::map<std::string, std::string>& partials);

}  // namespace esc
