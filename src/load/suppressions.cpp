// Suppression comments: `# esc-autopsy: disable=RULE -- reason` (SPEC 4).
#include "esc/load/suppressions.hpp"

#include <fmt/format.h>

#include "esc/model/rule_catalog.hpp"
#include "esc/model/suggest.hpp"

namespace esc {
namespace {

constexpr std::string_view k_marker = "esc-autopsy:";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// The byte index of the `#` that starts a YAML comment on `line`, or npos.
// Quotes are followed within the line; block scalars are not recognised.
std::size_t comment_start(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if ((c == '"' || c == '\'') && (i == 0 || is_blank(line[i - 1]) || std::string_view("[{:,").find(line[i - 1]) != std::string_view::npos))
      quote = c;
    else if (c == '#' && (i == 0 || is_blank(line[i - 1])))
      return i;
  }
  return std::string_view::npos;
}

// The next line after `line` (up to `last`) that holds more than a comment, or 0.
std::uint32_t next_content_line(const SourceText& source, std::uint32_t line, std::uint32_t last) {
  for (std::uint32_t n = line + 1; n <= last; ++n) {
    std::string_view content = trim(source.line(n));
    if (!content.empty() && content.front() != '#') return n;
  }
  return 0;
}

class Scanner {
 public:
  Scanner(const SourceText& source, std::uint32_t lines, std::vector<Diagnostic>& out)
      : m_source(source), m_lines(lines), m_out(out) {}

  void scan_line(std::uint32_t number, std::vector<Suppression>& found) {
    std::string_view line = m_source.line(number);
    std::size_t hash = comment_start(line);
    if (hash == std::string_view::npos) return;
    std::string_view comment = line.substr(hash + 1);
    std::size_t at = comment.find_first_not_of(" \t");
    if (at == std::string_view::npos || comment.substr(at, k_marker.size()) != k_marker) return;
    m_line = line;
    Suppression s;
    s.mark = mark(hash);
    std::size_t pos = hash + 1 + at + k_marker.size();
    while (pos < line.size() && is_blank(line[pos])) ++pos;
    std::size_t equals = line.find('=', pos);
    std::string_view directive = trim(line.substr(pos, equals == std::string_view::npos ? line.npos : equals - pos));
    if (equals == std::string_view::npos || (directive != "disable" && directive != "disable-file")) {
      std::string word(directive.substr(0, directive.find_first_of(" \t")));
      report(pos, fmt::format("`{}` is not a suppression; write `disable=RULE -- reason` or `disable-file=RULE -- reason`", word),
             did_you_mean(word, {"disable", "disable-file"}));
      return;
    }
    s.file_wide = directive == "disable-file";
    std::size_t dashes = line.find("--", equals + 1);
    std::string_view list = line.substr(equals + 1, dashes == std::string_view::npos ? line.npos : dashes - equals - 1);
    if (dashes != std::string_view::npos) s.reason = std::string(trim(line.substr(dashes + 2)));
    read_rules(list, equals + 1, s);
    if (s.reason.empty()) {
      report(hash, "the suppression gives no reason; a reason is required",
             fmt::format("write `# esc-autopsy: {}={} -- why this is acceptable here`", directive, trim(list)));
      return;
    }
    if (s.rules.empty()) return;
    s.line = s.file_wide ? 0 : trim(line.substr(0, hash)).empty() ? next_content_line(m_source, number, m_lines) : number;
    found.push_back(std::move(s));
  }

 private:
  SourceMark mark(std::size_t byte_in_line) const {
    return m_source.mark_at(static_cast<std::size_t>(m_line.data() - m_source.text().data()) + byte_in_line);
  }

  void report(std::size_t byte_in_line, std::string message, std::string suggestion = "") {
    m_out.push_back({find_rule("bad-suppression")->default_severity, "bad-suppression", m_source.path(),
                     mark(byte_in_line), std::move(message), std::move(suggestion)});
  }

  void read_rules(std::string_view list, std::size_t offset, Suppression& s) {
    std::size_t start = 0;
    bool any = false;
    while (start <= list.size()) {
      std::size_t comma = list.find(',', start);
      std::size_t end = comma == std::string_view::npos ? list.size() : comma;
      std::string_view raw = list.substr(start, end - start);
      std::size_t lead = raw.find_first_not_of(" \t");
      std::string_view id = trim(raw);
      if (!id.empty()) {
        any = true;
        std::size_t byte = offset + start + lead;
        if (find_rule(id))
          s.rules.push_back({std::string(id), mark(byte)});
        else
          report(byte, fmt::format("unknown rule `{}` in a suppression", id), did_you_mean(id, rule_ids()));
      }
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (!any) report(offset, "the suppression names no rule", "write the rule id after `=`, e.g. `disable=no-evidence`");
  }

  const SourceText& m_source;
  std::uint32_t m_lines;
  std::vector<Diagnostic>& m_out;
  std::string_view m_line;
};

}  // namespace

std::vector<Suppression> scan_suppressions(const SourceText& source, std::vector<Diagnostic>& out) {
  std::vector<Suppression> found;
  if (source.text().find(k_marker) == std::string::npos) return found;
  std::uint32_t lines = 1;
  for (char c : source.text()) lines += c == '\n';
  Scanner scanner(source, lines, out);
  for (std::uint32_t n = 1; n <= lines; ++n) scanner.scan_line(n, found);
  return found;
}

}  // namespace esc
