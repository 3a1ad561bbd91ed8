#include <cmath>

#include <nlohmann/json.hpp>

#include "esc/render/report_render.hpp"

namespace esc {
namespace {

using Json = nlohmann::ordered_json;

// Money and other amounts: an integer when whole, so 480000 is not 480000.0.
Json number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9e15) return static_cast<long long>(value);
  return value;
}

Json string_list(const std::vector<std::string>& values) {
  Json list = Json::array();
  for (const auto& v : values) list.push_back(v);
  return list;
}

Json options_json(const AnalysisOptions& o) {
  Json j;
  j["as_of"] = o.as_of.to_string();
  j["since"] = o.since ? Json(o.since->to_string()) : Json(nullptr);
  j["until"] = o.until ? Json(o.until->to_string()) : Json(nullptr);
  j["segments"] = string_list(o.segments);
  j["accounts"] = string_list(o.accounts);
  j["tags"] = string_list(o.tags);
  j["causes"] = string_list(o.causes);
  j["min_accounts"] = o.min_accounts;
  return j;
}

Json optional_date(const std::optional<Date>& date) {
  return date ? Json(date->to_string()) : Json(nullptr);
}

Json outcome_json(const std::optional<Outcome>& outcome) {
  return outcome ? Json(std::string(to_string(*outcome))) : Json(nullptr);
}

Json case_list(const std::vector<CaseRef>& cases) {
  Json list = Json::array();
  for (const auto& c : cases)
    list.push_back({{"id", c.id},
                    {"title", c.title},
                    {"account", c.account},
                    {"opened", optional_date(c.opened)},
                    {"closed", optional_date(c.closed)},
                    {"outcome", outcome_json(c.outcome)}});
  return list;
}

}  // namespace

void render_report_json(std::ostream& out, const Report& r) {
  Json doc;
  doc["schema"] = "esc-autopsy/report/v1";
  doc["options"] = options_json(r.options);
  doc["options"]["redacted"] = r.redacted;
  doc["summary"] = {{"cases", r.summary.cases},
                    {"accounts", r.summary.accounts},
                    {"open_cases", r.summary.open_cases},
                    {"arr_total", number(r.summary.arr_total)},
                    {"skipped", r.summary.skipped}};
  Json& causes = doc["causes"] = Json::array();
  for (const auto& c : r.causes)
    causes.push_back({{"code", c.code},
                      {"title", c.title},
                      {"category", c.category},
                      {"owner", c.owner},
                      {"cases", c.cases},
                      {"accounts", c.accounts},
                      {"arr", number(c.arr)},
                      {"as_root", c.as_root},
                      {"confirmed", c.confirmed},
                      {"churned_accounts", c.churned_accounts},
                      {"reach", c.reach}});
  Json& categories = doc["categories"] = Json::array();
  for (const auto& c : r.categories)
    categories.push_back(
        {{"code", c.code}, {"title", c.title}, {"cases", c.cases}, {"accounts", c.accounts}, {"arr", number(c.arr)}});
  Json& links = doc["links"] = Json::array();
  for (const auto& l : r.links)
    links.push_back({{"from", l.from}, {"to", l.to}, {"cases", l.cases}, {"accounts", l.accounts}});
  Json& chains = doc["chains"] = Json::array();
  for (const auto& c : r.chains)
    chains.push_back({{"path", string_list(c.path)},
                      {"cases", c.cases},
                      {"accounts", c.accounts},
                      {"arr", number(c.arr)},
                      {"churned_accounts", c.churned_accounts}});
  Json& pairs = doc["pairs"] = Json::array();
  for (const auto& p : r.pairs)
    pairs.push_back({{"a", p.a}, {"b", p.b}, {"cases", p.cases}, {"accounts", p.accounts}, {"lift", p.lift}});
  Json& repeats = doc["repeat_accounts"] = Json::array();
  for (const auto& a : r.repeat_accounts)
    repeats.push_back({{"account", a.account},
                       {"cases", a.cases},
                       {"recurring", string_list(a.recurring)},
                       {"third_strike", a.third_strike},
                       {"outcome", outcome_json(a.outcome)},
                       {"name", a.name},
                       {"escalations", case_list(a.escalations)}});
  Json& accounts = doc["accounts"] = Json::array();
  for (const auto& a : r.accounts)
    accounts.push_back({{"id", a.id},
                        {"name", a.name},
                        {"segment", a.segment},
                        {"arr", number(a.arr)},
                        {"outcome", outcome_json(a.outcome)},
                        {"cases", a.cases},
                        {"open_cases", a.open_cases}});
  Json& loops = doc["loops"] = Json::array();
  for (const auto& loop : r.loops) loops.push_back(string_list(loop));
  Json& departments = doc["departments"] = Json::array();
  for (const auto& d : r.departments)
    departments.push_back({{"id", d.id},
                           {"causes", d.causes},
                           {"cases", d.cases},
                           {"accounts", d.accounts},
                           {"arr", number(d.arr)},
                           {"actions_open", d.actions_open},
                           {"actions_overdue", d.actions_overdue},
                           {"owner_absent", d.owner_absent},
                           {"title", d.title}});
  Json& segments = doc["segments"] = Json::array();
  for (const auto& s : r.segments)
    segments.push_back({{"segment", s.segment},
                        {"cases", s.cases},
                        {"accounts", s.accounts},
                        {"top_causes", string_list(s.top_causes)}});
  Json& trend = doc["trend"] = Json::array();
  for (const auto& t : r.trend) {
    Json categories_by_code = Json::object();
    for (const auto& [code, n] : t.categories) categories_by_code[code] = n;
    trend.push_back({{"quarter", t.quarter}, {"categories", std::move(categories_by_code)}});
  }
  doc["severity"] = {{"rated", r.severity.rated},
                     {"inflated", r.severity.inflated},
                     {"inflated_accounts", string_list(r.severity.inflated_accounts)},
                     {"matrix", r.severity.matrix}};
  Json& fixes = doc["fixes"] = Json::array();
  for (const auto& f : r.fixes)
    fixes.push_back({{"code", f.code},
                     {"fixed", f.fixed.to_string()},
                     {"cases_after", f.cases_after},
                     {"accounts_after", f.accounts_after},
                     {"recurrences", case_list(f.recurrences)}});
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace esc
