// Checks Mustache templates for what mstch renders silently as nothing.
#include "esc/render/template_check.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

#include "esc/model/suggest.hpp"

namespace esc {
namespace {

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

std::size_t parse_keys(std::string_view text, std::size_t i, std::vector<ContextKey>& out, char close) {
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == close) return i + 1;
    ContextKey key;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
      key.name += text[i++];
    if (key.name.empty()) throw std::invalid_argument(fmt::format("context schema: unexpected `{}` at {}", c, i));
    if (i < text.size() && text[i] == '!') {
      key.raw = true;
      ++i;
    }
    if (i < text.size() && text[i] == '{') {
      key.kind = ContextKey::Kind::map;
      i = parse_keys(text, i + 1, key.children, '}');
    } else if (text.compare(i, 3, "[.]") == 0) {
      key.kind = ContextKey::Kind::string_list;
      i += 3;
    } else if (i < text.size() && text[i] == '[') {
      key.kind = ContextKey::Kind::list;
      i = parse_keys(text, i + 1, key.children, ']');
    }
    out.push_back(std::move(key));
  }
  if (close) throw std::invalid_argument(fmt::format("context schema: missing `{}`", close));
  return i;
}

// Where names are looked up: the keys of an enclosing section, innermost last.
struct Scope {
  const std::vector<ContextKey>* keys = nullptr;  // nullptr: no new names (inverted or value section)
  bool dot = false;                               // {{.}} names a value here
};

struct OpenSection {
  std::string name;
  std::size_t line;
};

class Checker {
 public:
  Checker(const std::vector<ContextKey>& schema, const std::map<std::string, std::string>& partials)
      : m_partials(partials) {
    m_scopes.push_back({&schema, false});
  }

  void check(const std::string& file, const std::string& text) {
    std::string open = "{{", close = "}}";
    std::vector<OpenSection> sections;
    std::size_t scope_depth = m_scopes.size();
    std::size_t line = 1, i = 0;
    auto report = [&](std::size_t at, std::string message) {
      if (m_problems.size() < 50) m_problems.push_back({file, at, std::move(message)});
    };
    while (true) {
      std::size_t start = text.find(open, i);
      if (start == std::string::npos) break;
      line += static_cast<std::size_t>(
          std::count(text.begin() + static_cast<long>(i), text.begin() + static_cast<long>(start), '\n'));
      std::size_t tag_line = line;
      bool triple = open == "{{" && text.compare(start + 2, 1, "{") == 0;
      std::string end_mark = triple ? "}" + close : close;
      std::size_t body = start + open.size() + (triple ? 1 : 0);
      std::size_t end = text.find(end_mark, body);
      if (end == std::string::npos) {
        report(tag_line, fmt::format("tag `{}` is never closed with `{}`", fit(text.substr(start, 20)), end_mark));
        return;
      }
      std::string content = text.substr(body, end - body);
      line += static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n'));
      i = end + end_mark.size();
      char sigil = triple ? '{' : content.empty() ? ' ' : content[0];
      std::string name =
          trim(std::string_view(content).substr(std::string("#^/>!&=").find(sigil) != std::string::npos ? 1 : 0));
      if (sigil == '!') continue;
      if (sigil == '=') {
        std::string spec =
            trim(content.substr(1, content.size() >= 2 && content.back() == '=' ? content.size() - 2 : 0));
        auto space = spec.find_first_of(" \t");
        std::string new_open = space == std::string::npos ? "" : spec.substr(0, space);
        std::string new_close = space == std::string::npos ? "" : trim(spec.substr(space));
        if (content.back() != '=' || new_open.empty() || new_close.empty() ||
            new_close.find_first_of(" \t=") != std::string::npos) {
          report(tag_line, fmt::format("bad delimiter change `{}{}{}`", open, content, close));
          return;
        }
        open = new_open;
        close = new_close;
        continue;
      }
      if (name.empty()) {
        report(tag_line, "empty tag");
        continue;
      }
      if (sigil == '#' || sigil == '^') {
        const ContextKey* key = resolve(name);
        if (!key && name != ".") report(tag_line, unknown("section", name));
        sections.push_back({name, tag_line});
        m_scopes.push_back(sigil == '^' || !key ? Scope{nullptr, false} : scope_of(*key));
      } else if (sigil == '/') {
        if (sections.empty()) {
          report(tag_line, fmt::format("`{}/{}{}` closes a section that is not open", open, name, close));
        } else if (sections.back().name != name) {
          report(tag_line, fmt::format("`{}/{}{}` closes `{}` but `{}` (line {}) is open", open, name, close, name,
                                       sections.back().name, sections.back().line));
        } else {
          sections.pop_back();
          m_scopes.pop_back();
        }
      } else if (sigil == '>') {
        include(tag_line, name, report);
      } else {
        bool raw = sigil == '{' || sigil == '&';
        if (name == ".") {
          if (!m_scopes.back().dot) report(tag_line, "`.` is only a value inside a list of strings or a value section");
          continue;
        }
        const ContextKey* key = resolve(name);
        if (!key)
          report(tag_line, unknown("variable", name));
        else if (key->kind != ContextKey::Kind::value)
          report(tag_line, fmt::format("`{}` is a {}; use it as a section: {}#{}{}…{}/{}{}", name,
                                       key->kind == ContextKey::Kind::map ? "map" : "list", open, name, close, open,
                                       name, close));
        else if (raw && !key->raw)
          report(tag_line, fmt::format("`{}` would be inserted without escaping; write {}{}{} (only chart and "
                                       "diagram markup may be inserted raw)",
                                       name, open, name, close));
      }
    }
    for (const auto& s : sections) report(s.line, fmt::format("section `{}` is never closed", s.name));
    m_scopes.resize(scope_depth);
  }

  std::vector<TemplateProblem> problems() const { return m_problems; }

 private:
  static std::string fit(std::string s) {
    auto newline = s.find('\n');
    return newline == std::string::npos ? s : s.substr(0, newline);
  }

  static Scope scope_of(const ContextKey& key) {
    switch (key.kind) {
      case ContextKey::Kind::map:
      case ContextKey::Kind::list:
        return {&key.children, false};
      default:
        return {nullptr, true};
    }
  }

  const ContextKey* find(const std::vector<ContextKey>& keys, const std::string& name) const {
    for (const auto& k : keys)
      if (k.name == name) return &k;
    return nullptr;
  }

  // Mustache lookup: the first part through the scopes from the innermost, the rest in maps.
  const ContextKey* resolve(const std::string& name) const {
    std::vector<std::string> parts;
    for (std::size_t a = 0, b; a <= name.size(); a = b + 1) {
      b = name.find('.', a);
      if (b == std::string::npos) b = name.size();
      parts.push_back(name.substr(a, b - a));
    }
    const ContextKey* key = nullptr;
    for (auto it = m_scopes.rbegin(); it != m_scopes.rend() && !key; ++it)
      if (it->keys) key = find(*it->keys, parts[0]);
    for (std::size_t p = 1; key && p < parts.size(); ++p)
      key = key->kind == ContextKey::Kind::map ? find(key->children, parts[p]) : nullptr;
    return key;
  }

  std::string unknown(const char* what, const std::string& name) const {
    std::vector<std::string> names;
    for (const auto& scope : m_scopes)
      if (scope.keys)
        for (const auto& k : *scope.keys) names.push_back(k.name);
    std::string hint = did_you_mean(name.substr(0, name.find('.')), names);
    return fmt::format("unknown {} `{}`{}", what, name, hint.empty() ? "" : "; " + hint);
  }

  template <typename Report>
  void include(std::size_t line, const std::string& name, Report& report) {
    auto it = m_partials.find(name);
    if (it == m_partials.end()) {
      std::vector<std::string> names;
      for (const auto& [n, text] : m_partials) names.push_back(n);
      report(line, fmt::format("unknown partial `{}` (available: {})", name,
                               names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "))));
      return;
    }
    if (std::find(m_active.begin(), m_active.end(), name) != m_active.end() || m_active.size() >= 8) {
      report(line, fmt::format("partial `{}` includes itself", name));
      return;
    }
    m_active.push_back(name);
    check("partial " + name, it->second);
    m_active.pop_back();
  }

  const std::map<std::string, std::string>& m_partials;
  std::vector<Scope> m_scopes;
  std::vector<std::string> m_active;  // partials being checked, to catch self-inclusion
  std::vector<TemplateProblem> m_problems;
};

}  // namespace

std::vector<ContextKey> parse_context_schema(std::string_view text) {
  std::vector<ContextKey> keys;
  parse_keys(text, 0, keys, '\0');
  return keys;
}

std::vector<TemplateProblem> check_template(const std::string& file, const std::string& text,
                                            const std::vector<ContextKey>& schema,
                                            const std::map<std::string, std::string>& partials) {
  Checker checker(schema, partials);
  checker.check(file, text);
  return checker.problems();
}

}  // namespace esc
