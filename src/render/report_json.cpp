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
                        {"skipped", r.summary.skipped}});
  doc.array("causes", r.causes, [](const auto& c) {
    return Json{{"code", c.code},
                {"title", c.title},
                {"category", c.category},
                {"owner", c.owner},
                {"cases", c.cases},
                {"accounts", c.accounts},
                {"arr", number(c.arr)},
                {"as_root", c.as_root},
                {"confirmed", c.confirmed},
                {"churned_accounts", c.churned_accounts},
                {"reach", c.reach}};
  });
  doc.array("categories", r.categories, [](const auto& c) {
    return Json{
        {"code", c.code}, {"title", c.title}, {"cases", c.cases}, {"accounts", c.accounts}, {"arr", number(c.arr)}};
  });
  doc.array("links", r.links, [](const auto& l) {
    return Json{{"from", l.from}, {"to", l.to}, {"cases", l.cases}, {"accounts", l.accounts}};
  });
  doc.array("chains", r.chains, [](const auto& c) {
    return Json{{"path", string_list(c.path)},
                {"cases", c.cases},
                {"accounts", c.accounts},
                {"arr", number(c.arr)},
                {"churned_accounts", c.churned_accounts}};
  });
  doc.array("pairs", r.pairs, [](const auto& p) {
    return Json{{"a", p.a}, {"b", p.b}, {"cases", p.cases}, {"accounts", p.accounts}, {"lift", p.lift}};
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
                {"open_cases", a.open_cases}};
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
    return Json{{"quarter", t.quarter}, {"categories", std::move(categories_by_code)}};
  });
  doc.value("severity", {{"rated", r.severity.rated},
                         {"inflated", r.severity.inflated},
                         {"inflated_accounts", string_list(r.severity.inflated_accounts)},
                         {"matrix", r.severity.matrix}});
  doc.array("fixes", r.fixes, [&r](const auto& f) {
    return Json{{"code", f.code},
                {"fixed", f.fixed.to_string()},
                {"cases_after", f.cases_after},
                {"accounts_after", f.accounts_after},
                {"recurrences", case_list(r, f.recurrences)}};
  });
  doc.finish();
}

}  // namespace esc
