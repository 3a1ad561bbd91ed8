// The account view's template context (report --account ID) and its rendering.
#include <set>

#include <fmt/format.h>
#include <mstch/mstch.hpp>

#include "account_words.hpp"
#include "esc/model/embedded.hpp"
#include "esc/model/version.hpp"
#include "esc/render/account_render.hpp"
#include "esc/render/findings.hpp"
#include "esc/render/template_check.hpp"
#include "report_context_parts.hpp"

namespace esc {
namespace {

using account::cause_title;

using context::date;
using context::raw_number;

mstch::map account_map(const AccountView& v) {
  std::size_t open = 0;
  for (const auto& e : v.escalations) open += e.closed && e.outcome != Outcome::open ? 0 : 1;
  return mstch::map{{"id", v.id},
                    {"name", v.name},
                    {"label", account::label(v)},
                    {"segment", v.segment},
                    {"has_segment", !v.segment.empty()},
                    {"arr", format_money(v.arr)},
                    {"arr_raw", raw_number(v.arr)},
                    {"outcome", v.outcome ? std::string(to_string(*v.outcome)) : std::string()},
                    {"has_outcome", v.outcome.has_value()},
                    {"escalations", std::to_string(v.escalations.size())},
                    {"open_escalations", std::to_string(open)},
                    {"third_strike", v.third_strike}};
}

mstch::map escalation_map(const AccountEscalation& e, std::size_t number, const std::set<std::string>& recurring,
                          const Taxonomy& taxonomy) {
  mstch::array causes, chains, actions;
  for (const auto& c : e.causes)
    causes.push_back(mstch::map{{"code", c.code},
                                {"title", cause_title(taxonomy, c.code)},
                                {"confidence", std::string(to_string(c.confidence))},
                                {"is_recurring", recurring.count(c.code) > 0}});
  for (const auto& chain : e.chains) {
    mstch::array path;
    std::vector<std::string> titles;
    for (const auto& code : chain) {
      path.push_back(mstch::map{{"code", code}, {"title", cause_title(taxonomy, code)}});
      titles.push_back(cause_title(taxonomy, code));
    }
    chains.push_back(mstch::map{{"text", format_chain(chain)}, {"titles", format_chain(titles)}, {"path", path}});
  }
  for (const auto& a : e.actions)
    actions.push_back(mstch::map{{"text", account::action_text(taxonomy, a)},
                                 {"owner", a.owner},
                                 {"cause", a.cause},
                                 {"cause_title", a.cause.empty() ? std::string() : cause_title(taxonomy, a.cause)},
                                 {"status", std::string(to_string(a.status))},
                                 {"status_text", account::action_status_text(a)},
                                 {"due", date(a.due)},
                                 {"done", date(a.done)},
                                 {"is_open", a.status == ActionStatus::open},
                                 {"is_done", a.status == ActionStatus::done},
                                 {"is_overdue", a.overdue}});
  bool open = !e.closed || e.outcome == Outcome::open;
  bool inflated = e.severity_claimed && e.severity_assessed && *e.severity_claimed < *e.severity_assessed;
  return mstch::map{{"number", std::to_string(number)},
                    {"id", e.id},
                    {"title", e.title},
                    {"opened", date(e.opened)},
                    {"closed", date(e.closed)},
                    {"dates", account::dates_text(e)},
                    {"is_open", open},
                    {"severity", account::severity_text(e)},
                    {"severity_claimed", account::severity(e.severity_claimed)},
                    {"severity_assessed", account::severity(e.severity_assessed)},
                    {"severity_inflated", inflated},
                    {"outcome", e.outcome ? std::string(to_string(*e.outcome)) : std::string()},
                    {"has_outcome", e.outcome.has_value()},
                    {"causes", causes},
                    {"has_causes", !causes.empty()},
                    {"chains", chains},
                    {"has_chains", !chains.empty()},
                    {"actions", actions},
                    {"has_actions", !actions.empty()}};
}

mstch::map fix_map(const AccountCauseFix& f, const Taxonomy& taxonomy) {
  const FixStat* fix = f.fix ? &*f.fix : nullptr;
  std::string ratio = "–";
  if (fix && fix->rate_ratio) ratio = fmt::format("{:.2f} (95% CI {})", *fix->rate_ratio, format_rate_ratio_ci(*fix));
  return mstch::map{{"code", f.code},
                    {"title", cause_title(taxonomy, f.code)},
                    {"escalations", std::to_string(f.escalations)},
                    {"first", date(f.first)},
                    {"last", date(f.last)},
                    {"has_fix", fix != nullptr},
                    {"fixed", fix ? fix->fixed.to_string() : std::string()},
                    {"verdict", fix ? std::string(to_string(fix->verdict)) : std::string("no-fix")},
                    {"verdict_text", account::verdict_text(f)},
                    {"held", fix && fix->verdict == FixVerdict::held},
                    {"did_not_hold", fix && fix->verdict == FixVerdict::did_not_hold},
                    {"is_too_early", fix && fix->verdict == FixVerdict::too_early},
                    {"cases_before", fix ? std::to_string(fix->cases_before) : std::string()},
                    {"cases_after", fix ? std::to_string(fix->cases_after) : std::string()},
                    {"accounts_after", fix ? std::to_string(fix->accounts_after) : std::string()},
                    {"rate_ratio_text", ratio},
                    {"p_value", fix ? format_p(fix->p_value) : std::string()},
                    {"here_after_fix", std::to_string(f.here_after_fix)}};
}

}  // namespace

std::string_view account_context_schema() {
  return "title tool as_of redacted filters has_filters set{cases accounts text} "
         "account{id name label segment has_segment arr arr_raw outcome has_outcome escalations open_escalations "
         "third_strike} "
         "has_escalations escalations[number id title opened closed dates is_open severity severity_claimed "
         "severity_assessed severity_inflated outcome has_outcome causes[code title confidence is_recurring] "
         "has_causes chains[text titles path[code title]] has_chains actions[text owner cause cause_title status "
         "status_text due done is_open is_done is_overdue] has_actions] "
         "has_recurring recurring[code title escalations] recurring_text "
         "has_fixes fixes[code title escalations first last has_fix fixed verdict verdict_text held did_not_hold "
         "is_too_early cases_before cases_after accounts_after rate_ratio_text p_value here_after_fix] "
         "charts{timeline!}";
}

mstch::map build_account_context(const AccountView& view, const Taxonomy& taxonomy) {
  std::set<std::string> recurring_codes;
  mstch::array recurring, fixes, escalations;
  std::vector<std::string> recurring_words;
  for (const auto& f : view.causes) {
    fixes.push_back(fix_map(f, taxonomy));
    if (f.escalations < 2) continue;
    recurring_codes.insert(f.code);
    recurring.push_back(mstch::map{
        {"code", f.code}, {"title", cause_title(taxonomy, f.code)}, {"escalations", std::to_string(f.escalations)}});
    recurring_words.push_back(fmt::format("{} ({}×)", cause_title(taxonomy, f.code), f.escalations));
  }
  for (std::size_t i = 0; i < view.escalations.size(); ++i)
    escalations.push_back(escalation_map(view.escalations[i], i + 1, recurring_codes, taxonomy));
  std::string filters = filters_text(view.options);
  return mstch::map{{"title", fmt::format("Account view: {}", account::label(view))},
                    {"tool", fmt::format("esc-autopsy {}", version())},
                    {"as_of", view.options.as_of.to_string()},
                    {"redacted", view.redacted},
                    {"filters", filters},
                    {"has_filters", !filters.empty()},
                    {"set", mstch::map{{"cases", std::to_string(view.set_cases)},
                                       {"accounts", std::to_string(view.set_accounts)},
                                       {"text", fmt::format("{} at {}", count_of(view.set_cases, "case"),
                                                            count_of(view.set_accounts, "account"))}}},
                    {"account", account_map(view)},
                    {"has_escalations", !escalations.empty()},
                    {"escalations", escalations},
                    {"has_recurring", !recurring.empty()},
                    {"recurring", recurring},
                    {"recurring_text", context::join_isolated(recurring_words, ", ")},
                    {"has_fixes", !fixes.empty()},
                    {"fixes", fixes},
                    {"charts", mstch::map{{"timeline", svg_account_timeline(view, taxonomy)}}}};
}

std::string builtin_account_template_name(TemplateFormat format) {
  return format == TemplateFormat::html ? "templates/account.html.mustache" : "templates/account.md.mustache";
}

void render_account_template(std::ostream& out, const AccountView& view, const Taxonomy& taxonomy,
                             TemplateFormat format) {
  static const std::vector<ContextKey> schema = parse_context_schema(account_context_schema());
  std::string name = builtin_account_template_name(format);
  auto file = embedded_file(name);
  if (!file) throw std::logic_error("not embedded: " + name);
  std::string text(*file);
  auto partials = builtin_partials(format);
  auto problems = check_template(name, text, schema, partials);
  if (!problems.empty()) throw TemplateError(std::move(problems));
  // The report's escaping, set for this render only (render_report_template does the same).
  auto saved = mstch::config::escape;
  mstch::config::escape = format == TemplateFormat::html ? html_escape : markdown_escape;
  try {
    std::string rendered = mstch::render(text, build_account_context(view, taxonomy), partials);
    mstch::config::escape = saved;
    out << rendered;
  } catch (...) {
    mstch::config::escape = saved;
    throw;
  }
}

}  // namespace esc
