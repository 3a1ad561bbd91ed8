#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "esc/render/findings.hpp"
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

// A statistic that may be undefined: null then; rounded to 6 significant digits
// so the bytes do not depend on the last bit of a floating-point sum.
Json stat(const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) return nullptr;
  return number(round_statistic(*value));
}

Json interval(const std::optional<double>& lo, const std::optional<double>& hi) {
  return Json::array({stat(lo), stat(hi)});
}

Json finding_json(const Finding& f) {
  Json evidence = Json::object();
  for (const auto& [key, value] : f.evidence) evidence[key] = stat(value);
  return Json{{"kind", f.kind},
              {"sentence", f.headline},
              {"arr", number(f.arr)},
              {"evidence", std::move(evidence)},
              {"strength", std::string(to_string(f.strength))},
              {"score", stat(f.score)}};
}

// The churn keys of causes[], chains[] and pairs[] (issue 14).
void add_churn(Json& j, const ChurnAssociation& c) {
  j["churn_rate"] = stat(c.churn_rate);
  j["base_churn_rate"] = stat(c.base_churn_rate);
  j["churn_relative_risk"] = stat(c.relative_risk);
  j["churn_rr_ci"] = interval(c.rr_lo, c.rr_hi);
  j["churn_p_value"] = stat(c.p_value);
  j["churn_q_value"] = stat(c.q_value);
}

Json optional_date(const std::optional<Date>& date) {
  return date ? Json(date->to_string()) : Json(nullptr);
}

Json outcome_json(const std::optional<Outcome>& outcome) {
  return outcome ? Json(std::string(to_string(*outcome))) : Json(nullptr);
}

Json case_list(const Report& r, const std::vector<CaseRefIndex>& cases) {
  Json list = Json::array();
  for (CaseRefIndex i : cases) {
    const CaseRef& c = r.case_refs[i];
    list.push_back({{"id", c.id},
                    {"title", c.title},
                    {"account", c.account},
                    {"opened", optional_date(c.opened)},
                    {"closed", optional_date(c.closed)},
                    {"outcome", outcome_json(c.outcome)}});
  }
  return list;
}

// Writes the report one section at a time, and the long sections one element
// at a time, so that memory holds one element's JSON tree, not the whole
// document's (a report of 100,000 cases is about 100 MB of JSON). The bytes
// are those of dumping the whole document with an indent of 2.
class SectionWriter {
 public:
  explicit SectionWriter(std::ostream& out) : m_out(out) { m_out << '{'; }

  /// One key of the top-level object with its whole value.
  void value(const char* key, const Json& value) {
    begin(key);
    write_indented(value, 2);
  }

  /// One key whose value is an array, each element made by `element(item)`.
  template <typename Items, typename Make>
  void array(const char* key, const Items& items, Make element) {
    begin(key);
    if (items.empty()) {
      m_out << "[]";
      return;
    }
    m_out << '[';
    bool first = true;
    for (const auto& item : items) {
      m_out << (first ? "\n    " : ",\n    ");
      first = false;
      write_indented(element(item), 4);
    }
    m_out << "\n  ]";
  }

  void finish() { m_out << (m_empty ? "}" : "\n}") << '\n'; }

 private:
  void begin(const char* key) {
    m_out << (m_empty ? "\n  " : ",\n  ") << Json(key).dump() << ": ";
    m_empty = false;
  }

  // `value` dumped with an indent of 2, every line after the first shifted
  // right by `depth` spaces (its place in the document).
  void write_indented(const Json& value, std::size_t depth) {
    std::string text = value.dump(2, ' ', false, Json::error_handler_t::replace);
    std::string shift = "\n" + std::string(depth, ' ');
    std::size_t start = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
      m_out.write(text.data() + start, static_cast<std::streamsize>(nl - start));
      m_out << shift;
      start = nl + 1;
    }
    m_out.write(text.data() + start, static_cast<std::streamsize>(text.size() - start));
  }

  std::ostream& m_out;
  bool m_empty = true;
};

Json change_json(const Change& c) {
  return Json{{"then", number(c.then)}, {"now", number(c.now)}, {"delta", number(c.delta)}};
}

Json item_changes_json(const std::vector<ItemChange>& items, const char* id_key) {
  Json list = Json::array();
  for (const auto& item : items) {
    Json j{{id_key, item.id}, {"title", item.title}, {"status", to_string(item.status)}};
    for (const auto& c : item.values) j[c.key] = change_json(c);
    list.push_back(std::move(j));
  }
  return list;
}

// The `baseline` block of --baseline: the old report's file and as-of date,
// the filters that differ, then/now/delta per figure, cause and department.
Json baseline_json(const BaselineComparison& b) {
  Json figures = Json::object();
  for (const auto& c : b.figures) figures[c.key] = change_json(c);
  return Json{{"file", b.file},
              {"as_of", b.as_of},
              {"filters_differ", string_list(b.filter_differences)},
              {"summary", std::move(figures)},
              {"causes", item_changes_json(b.causes, "code")},
              {"departments", item_changes_json(b.departments, "id")}};
}

}  // namespace

void render_report_json(std::ostream& out, const Report& r) {
  SectionWriter doc(out);
  doc.value("schema", "esc-autopsy/report/v1");
  Json options = options_json(r.options);
  options["redacted"] = r.redacted;
  doc.value("options", options);
  doc.value("summary", {{"cases", r.summary.cases},
                        {"accounts", r.summary.accounts},
                        {"open_cases", r.summary.open_cases},
                        {"arr_total", number(r.summary.arr_total)},
                        {"arr_churned", number(r.summary.arr_churned)},
                        {"arr_downgraded", number(r.summary.arr_downgraded)},
                        {"arr_at_risk", number(r.summary.arr_at_risk)},
                        {"arr_retained", number(r.summary.arr_retained)},
                        {"arr_unknown", number(r.summary.arr_unknown)},
                        {"skipped", r.summary.skipped},
                        {"unreadable_files", r.summary.unreadable_files},
                        {"after_as_of", r.summary.after_as_of}});
  if (r.baseline) doc.value("baseline", baseline_json(*r.baseline));
  doc.array("findings", key_findings(r), [](const Finding& f) { return finding_json(f); });
  doc.array("causes", r.causes, [](const auto& c) {
    Json j{{"code", c.code},
                {"title", c.title},
                {"category", c.category},
                {"owner", c.owner},
                {"cases", c.cases},
                {"accounts", c.accounts},
                {"arr", number(c.arr)},
                {"as_root", c.as_root},
                {"confirmed", c.confirmed},
                {"churned_accounts", c.churned_accounts},
                {"reach", c.reach},
                {"likely", c.likely},
                {"suspected", c.suspected}};
    add_churn(j, c.churn);
    return j;
  });
  doc.array("categories", r.categories, [](const auto& c) {
    return Json{
        {"code", c.code}, {"title", c.title}, {"cases", c.cases}, {"accounts", c.accounts}, {"arr", number(c.arr)}};
  });
  doc.array("links", r.links, [](const auto& l) {
    return Json{{"from", l.from}, {"to", l.to}, {"cases", l.cases}, {"accounts", l.accounts}};
  });
  doc.array("chains", r.chains, [](const auto& c) {
    Json j{{"path", string_list(c.path)},
           {"cases", c.cases},
           {"accounts", c.accounts},
           {"arr", number(c.arr)},
           {"churned_accounts", c.churned_accounts}};
    add_churn(j, c.churn);
    return j;
  });
  doc.array("pairs", r.pairs, [](const auto& p) {
    Json j{{"a", p.a},
           {"b", p.b},
           {"cases", p.cases},
           {"accounts", p.accounts},
           {"lift", p.lift},
           {"p_value", stat(p.p_value)},
           {"q_value", stat(p.q_value)},
           {"churned_accounts", p.churned_accounts}};
    add_churn(j, p.churn);
    return j;
  });
  doc.array("repeat_accounts", r.repeat_accounts, [&r](const auto& a) {
    return Json{{"account", a.account},
                {"cases", a.cases},
                {"recurring", string_list(a.recurring)},
                {"third_strike", a.third_strike},
                {"outcome", outcome_json(a.outcome)},
                {"name", a.name},
                {"escalations", case_list(r, a.escalations)}};
  });
  doc.array("accounts", r.accounts, [](const auto& a) {
    return Json{{"id", a.id},
                {"name", a.name},
                {"segment", a.segment},
                {"arr", number(a.arr)},
                {"outcome", outcome_json(a.outcome)},
                {"cases", a.cases},
                {"open_cases", a.open_cases},
                {"actions_overdue", a.actions_overdue}};
  });
  doc.array("loops", r.loops, [](const auto& loop) { return string_list(loop); });
  doc.array("departments", r.departments, [](const auto& d) {
    return Json{{"id", d.id},
                {"causes", d.causes},
                {"cases", d.cases},
                {"accounts", d.accounts},
                {"arr", number(d.arr)},
                {"actions_open", d.actions_open},
                {"actions_overdue", d.actions_overdue},
                {"owner_absent", d.owner_absent},
                {"title", d.title}};
  });
  doc.array("segments", r.segments, [](const auto& s) {
    return Json{{"segment", s.segment},
                {"cases", s.cases},
                {"accounts", s.accounts},
                {"top_causes", string_list(s.top_causes)}};
  });
  doc.array("trend", r.trend, [](const auto& t) {
    Json categories_by_code = Json::object();
    for (const auto& [code, n] : t.categories) categories_by_code[code] = n;
    return Json{{"quarter", t.quarter}, {"cases", t.cases}, {"categories", std::move(categories_by_code)}};
  });
  doc.value("severity", {{"rated", r.severity.rated},
                         {"inflated", r.severity.inflated},
                         {"inflated_accounts", string_list(r.severity.inflated_accounts)},
                         {"matrix", r.severity.matrix}});
  doc.array("fixes", r.fixes, [&r](const auto& f) {
    return Json{{"code", f.code},
                {"fixed", f.fixed.to_string()},
                {"cases_before", f.cases_before},
                {"days_before", f.days_before},
                {"cases_after", f.cases_after},
                {"days_after", f.days_after},
                {"rate_ratio", stat(f.rate_ratio)},
                {"rate_ratio_ci", interval(f.rr_lo, f.rr_hi)},
                {"p_value", stat(f.p_value)},
                {"verdict", std::string(to_string(f.verdict))},
                {"accounts_after", f.accounts_after},
                {"arr_after", number(f.arr_after)},
                {"recurrences", case_list(r, f.recurrences)}};
  });
  doc.array("watchlist", r.watchlist, [](const WatchItem& w) {
    return Json{{"account", w.account},
                {"name", w.name},
                {"arr", number(w.arr)},
                {"cases", w.cases},
                {"reasons", string_list(w.reasons)},
                {"risk", stat(w.risk)},
                {"score", number(w.score)}};
  });
  doc.array("actions", r.actions, [&r](const ActionItem& a) {
    const CaseRef& c = r.case_refs[a.case_ref];
    return Json{{"case", c.id},
                {"account", c.account},
                {"action", a.action},
                {"owner", a.owner},
                {"cause", a.cause.empty() ? Json(nullptr) : Json(a.cause)},
                {"due", optional_date(a.due)},
                {"days_overdue", a.days_overdue}};
  });
  doc.finish();
}

}  // namespace esc
