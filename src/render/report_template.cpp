// HTML and Markdown reports from Mustache templates (mstch).
#include "esc/render/report_template.hpp"

#include <cctype>
#include <functional>

#include <fmt/format.h>
#include <mstch/mstch.hpp>

#include "esc/model/embedded.hpp"
#include "esc/render/report_context.hpp"

namespace esc {
namespace {

std::string embedded(const std::string& name) {
  auto file = embedded_file(name);
  if (!file) throw std::logic_error("not embedded: " + name);
  return std::string(*file);
}

std::string summarize(const std::vector<TemplateProblem>& problems) {
  std::string out;
  for (const auto& p : problems) out += fmt::format("{}{}:{}: {}", out.empty() ? "" : "\n", p.file, p.line, p.message);
  return out;
}

// mstch escapes through one global function; set it for one render and restore it.
class EscapeGuard {
 public:
  explicit EscapeGuard(std::function<std::string(const std::string&)> escape) : m_saved(mstch::config::escape) {
    mstch::config::escape = std::move(escape);
  }
  ~EscapeGuard() { mstch::config::escape = m_saved; }
  EscapeGuard(const EscapeGuard&) = delete;
  EscapeGuard& operator=(const EscapeGuard&) = delete;

 private:
  std::function<std::string(const std::string&)> m_saved;
};

}  // namespace

TemplateError::TemplateError(std::vector<TemplateProblem> found)
    : std::runtime_error(summarize(found)), problems(std::move(found)) {}

std::string builtin_template_name(TemplateFormat format) {
  return format == TemplateFormat::html ? "templates/report.html.mustache" : "templates/report.md.mustache";
}

std::string builtin_template(TemplateFormat format) {
  return embedded(builtin_template_name(format));
}

std::map<std::string, std::string> builtin_partials(TemplateFormat format) {
  if (format == TemplateFormat::html)
    return {{"style", embedded("templates/partials/style.css.mustache")},
            {"baseline", embedded("templates/partials/baseline.html.mustache")}};
  return {{"baseline", embedded("templates/partials/baseline.md.mustache")}};
}

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '/':
        out += "&#x2F;";
        break;
      case '`':
        out += "&#96;";
        break;
      case '=':
        out += "&#61;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string markdown_escape(const std::string& text) {
  // Anywhere in a line: inline markup, HTML, table cells, entities, math, mentions.
  static const std::string inline_markup = "\\`*_[]<>|&$~#@";
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t i = 0;
  // At the start of a value (which may start a line): list, quote, heading and rule markers.
  if (!text.empty() && std::string("-+=").find(text[0]) != std::string::npos) {
    out += '\\';
  } else {
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) out += text[i++];
    if (i > 0 && i < text.size() && (text[i] == '.' || text[i] == ')')) out += '\\';
  }
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t')
      out += ' ';
    else if (inline_markup.find(c) != std::string::npos)
      (out += '\\') += c;
    else
      out += c;
  }
  return out;
}

void render_report_template(std::ostream& out, const Report& report, const Taxonomy& taxonomy, TemplateFormat format,
                            const std::string& file, const std::string& text) {
  static const std::vector<ContextKey> schema = parse_context_schema(report_context_schema());
  auto partials = builtin_partials(format);
  auto problems = check_template(file, text, schema, partials);
  if (!problems.empty()) throw TemplateError(std::move(problems));
  EscapeGuard guard(format == TemplateFormat::html ? html_escape : markdown_escape);
  std::set<std::string> view_only = lists_read_only_through_views(text);
  for (const auto& [name, partial] : partials) {  // a list a partial names is read whole
    auto in_partial = lists_read_only_through_views(partial);
    for (auto it = view_only.begin(); it != view_only.end();)
      it = in_partial.count(*it) ? std::next(it) : view_only.erase(it);
  }
  out << mstch::render(text, build_report_context(report, taxonomy, view_only), partials);
}

}  // namespace esc
