// report --format csv --table NAME: one table, RFC 4180.
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "esc/render/findings.hpp"
#include "esc/render/report_render.hpp"

namespace esc {
namespace {

// Numbers unformatted: integers without a decimal point, others in the
// shortest form that reads back exactly.
std::string number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9e15) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}
std::string number(std::size_t value) {
  return std::to_string(value);
}

// A statistic: 6 significant digits, empty when undefined (as JSON's null).
std::string stat(const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) return "";
  return number(round_statistic(*value));
}

std::vector<std::string> churn_columns() {
  return {"churn_rate", "base_churn_rate", "churn_relative_risk", "churn_rr_lo", "churn_rr_hi", "churn_p_value",
          "churn_q_value"};
}

std::vector<std::string> churn_fields(const ChurnAssociation& c) {
  return {stat(c.churn_rate), stat(c.base_churn_rate), stat(c.relative_risk), stat(c.rr_lo),
          stat(c.rr_hi),      stat(c.p_value),         stat(c.q_value)};
}

// `head` followed by `tail`.
std::vector<std::string> concat(std::vector<std::string> head, const std::vector<std::string>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// One CSV writer: quotes fields as RFC 4180 asks, ends rows with CRLF.
class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out) : m_out(out) {}

  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) m_out << (i ? "," : "") << quote(fields[i]);
    m_out << "\r\n";
  }

  /// Text from case files or the taxonomy: a leading = + - @ would make a
  /// spreadsheet run it as a formula, so it gets a leading apostrophe.
  static std::string text(const std::string& s) {
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
      return "'" + s;
    return s;
  }

 private:
  static std::string quote(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  }

  std::ostream& m_out;
};

using Text = CsvWriter;

void causes(CsvWriter& csv, const Report& r) {
  csv.row(concat({"code", "title", "category", "owner", "cases", "accounts", "arr", "as_root", "confirmed",
                  "churned_accounts", "reach", "likely", "suspected"},
                 churn_columns()));
  for (const auto& c : r.causes)
    csv.row(concat({c.code, Text::text(c.title), c.category, c.owner, number(c.cases), number(c.accounts),
                    number(c.arr), number(c.as_root), number(c.confirmed), number(c.churned_accounts),
                    number(c.reach), number(c.likely), number(c.suspected)},
                   churn_fields(c.churn)));
}

void links(CsvWriter& csv, const Report& r) {
  csv.row({"from", "to", "cases", "accounts"});
  for (const auto& l : r.links) csv.row({l.from, l.to, number(l.cases), number(l.accounts)});
}

void chains(CsvWriter& csv, const Report& r) {
  csv.row(concat({"path", "cases", "accounts", "arr", "churned_accounts"}, churn_columns()));
  for (const auto& c : r.chains)
    csv.row(concat({join(c.path, " > "), number(c.cases), number(c.accounts), number(c.arr), number(c.churned_accounts)},
                   churn_fields(c.churn)));
}

void pairs(CsvWriter& csv, const Report& r) {
  csv.row(concat({"a", "b", "cases", "accounts", "lift", "p_value", "q_value", "churned_accounts"}, churn_columns()));
  for (const auto& p : r.pairs)
    csv.row(concat({p.a, p.b, number(p.cases), number(p.accounts), number(p.lift), stat(p.p_value), stat(p.q_value),
                    number(p.churned_accounts)},
                   churn_fields(p.churn)));
}

void accounts(CsvWriter& csv, const Report& r) {
  std::map<std::string, const RepeatAccount*> repeats;
  for (const auto& a : r.repeat_accounts) repeats[a.account] = &a;
  csv.row({"account", "name", "segment", "arr", "outcome", "cases", "open_cases", "third_strike", "recurring"});
  for (const auto& a : r.accounts) {
    auto it = repeats.find(a.id);
    std::string recurring = it == repeats.end() ? "" : join(it->second->recurring, ";");
    csv.row({Text::text(a.id), Text::text(a.name), Text::text(a.segment), number(a.arr),
             a.outcome ? std::string(to_string(*a.outcome)) : "", number(a.cases), number(a.open_cases),
             a.cases >= 3 ? "true" : "false", recurring});
  }
}

void departments(CsvWriter& csv, const Report& r) {
  csv.row({"id", "title", "causes", "cases", "accounts", "arr", "actions_open", "actions_overdue", "owner_absent"});
  for (const auto& d : r.departments)
    csv.row({d.id, Text::text(d.title), number(d.causes), number(d.cases), number(d.accounts), number(d.arr),
             number(d.actions_open), number(d.actions_overdue), number(d.owner_absent)});
}

void fixes(CsvWriter& csv, const Report& r) {
  csv.row({"code", "fixed", "cases_before", "days_before", "cases_after", "days_after", "rate_ratio", "rate_ratio_lo",
           "rate_ratio_hi", "p_value", "verdict", "accounts_after", "recurrences"});
  for (const auto& f : r.fixes) {
    std::vector<std::string> ids;
    for (auto i : f.recurrences) ids.push_back(r.case_refs[i].id);
    csv.row({f.code, f.fixed.to_string(), number(f.cases_before), std::to_string(f.days_before), number(f.cases_after),
             std::to_string(f.days_after), stat(f.rate_ratio), stat(f.rr_lo), stat(f.rr_hi), stat(f.p_value),
             std::string(to_string(f.verdict)), number(f.accounts_after), Text::text(join(ids, ";"))});
  }
}

void watchlist(CsvWriter& csv, const Report& r) {
  csv.row({"account", "name", "arr", "cases", "risk", "score", "reasons"});
  for (const auto& w : r.watchlist)
    csv.row({Text::text(w.account), Text::text(w.name), number(w.arr), number(w.cases), stat(w.risk), number(w.score),
             Text::text(join(w.reasons, "; "))});
}

void actions(CsvWriter& csv, const Report& r) {
  csv.row({"case", "account", "action", "owner", "cause", "due", "days_overdue"});
  for (const auto& a : r.actions) {
    const CaseRef& c = r.case_refs[a.case_ref];
    csv.row({Text::text(c.id), Text::text(c.account), Text::text(a.action), a.owner, a.cause,
             a.due ? a.due->to_string() : "", std::to_string(a.days_overdue)});
  }
}

// One row per analysed case, with its causes, for pivot tables.
void cases(CsvWriter& csv, const Report& r) {
  csv.row({"id", "title", "account", "opened", "closed", "outcome", "causes"});
  for (std::size_t i = 0; i < r.summary.cases && i < r.case_refs.size(); ++i) {
    const CaseRef& c = r.case_refs[i];
    csv.row({Text::text(c.id), Text::text(c.title), Text::text(c.account), c.opened ? c.opened->to_string() : "",
             c.closed ? c.closed->to_string() : "", c.outcome ? std::string(to_string(*c.outcome)) : "",
             c.codes});
  }
}

}  // namespace

const std::vector<std::string>& csv_tables() {
  static const std::vector<std::string> names = {"causes",      "links", "chains",    "pairs",   "accounts",
                                                 "departments", "fixes", "watchlist", "actions", "cases"};
  return names;
}

void render_report_csv(std::ostream& out, const Report& report, const std::string& table) {
  CsvWriter csv(out);
  if (table == "causes")
    causes(csv, report);
  else if (table == "links")
    links(csv, report);
  else if (table == "chains")
    chains(csv, report);
  else if (table == "pairs")
    pairs(csv, report);
  else if (table == "accounts")
    accounts(csv, report);
  else if (table == "departments")
    departments(csv, report);
  else if (table == "fixes")
    fixes(csv, report);
  else if (table == "watchlist")
    watchlist(csv, report);
  else if (table == "actions")
    actions(csv, report);
  else if (table == "cases")
    cases(csv, report);
  else
    throw std::invalid_argument("unknown CSV table: " + table);
}

}  // namespace esc
