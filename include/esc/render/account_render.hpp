#pragma once
#include <ostream>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "esc/analyze/account_view.hpp"
#include "esc/model/taxonomy.hpp"
#include "esc/render/report_template.hpp"
#include "esc/render/style.hpp"

namespace esc {

/// The template context of the account view (`report --account ID`): like
/// the report's, numbers preformatted, `has_*` flags, text raw (the
/// renderer's escape function makes it safe) and one SVG timeline.
mstch::map build_account_context(const AccountView& view, const Taxonomy& taxonomy);

/// Every key of build_account_context() in the notation of
/// parse_context_schema(); `!` marks markup inserted unescaped.
std::string_view account_context_schema();

/// The built-in account template of a format ("templates/account.html.mustache").
std::string builtin_account_template_name(TemplateFormat format);

/// Renders the view with the built-in template of `format`, checked against
/// the schema first (throws TemplateError before writing anything).
void render_account_template(std::ostream& out, const AccountView& view, const Taxonomy& taxonomy,
                             TemplateFormat format);

/// The compact text version, lines cut to `width` columns; case text is
/// made harmless for a terminal.
void render_account_text(std::ostream& out, const AccountView& view, const Taxonomy& taxonomy, const Style& style,
                         std::size_t width);

/// The account's escalations on one time axis (opened to closed, coloured by
/// severity found in review) with the fix dates of the causes it hit; one
/// <svg> element, XML-escaped, "" when no escalation has an opened date.
std::string svg_account_timeline(const AccountView& view, const Taxonomy& taxonomy);

}  // namespace esc
