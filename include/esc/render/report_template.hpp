#pragma once
#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "esc/analyze/report.hpp"
#include "esc/model/taxonomy.hpp"
#include "esc/render/template_check.hpp"

namespace esc {

/// The formats rendered from Mustache templates; the format decides how
/// `{{x}}` escapes text (HTML entities, or Markdown backslash escapes).
enum class TemplateFormat { html, markdown };

/// A template that would render wrong: every problem found, in order.
struct TemplateError : std::runtime_error {
  explicit TemplateError(std::vector<TemplateProblem> found);
  std::vector<TemplateProblem> problems;
};

/// The built-in template of a format and its name ("templates/report.html.mustache").
std::string builtin_template_name(TemplateFormat format);
std::string builtin_template(TemplateFormat format);

/// The partials a template of this format may include with {{> name}}
/// (built in; user templates cannot add their own).
std::map<std::string, std::string> builtin_partials(TemplateFormat format);

/// Checks `text` (named `file` in problems) against the report context and
/// renders it with mstch. Throws TemplateError, before writing anything, when
/// the template is broken.
void render_report_template(std::ostream& out, const Report& report, const Taxonomy& taxonomy,
                            TemplateFormat format, const std::string& file, const std::string& text);

/// Text escaped for HTML: & < > " ' / ` = as character references.
std::string html_escape(const std::string& text);
/// Text escaped for GitHub-flavoured Markdown: punctuation that could start
/// markup gets a backslash, line ends become spaces (safe in table cells).
std::string markdown_escape(const std::string& text);

}  // namespace esc
