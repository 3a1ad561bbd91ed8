// report --format csv --table NAME: one table, RFC 4180.
#include <cmath>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

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
  csv.row({"code", "title", "category", "owner", "cases", "accounts", "arr", "as_root", "confirmed", "churned_accounts",
           "reach"});
  for (const auto& c : r.causes)
    csv.row({c.code, Text::text(c.title), c.category, c.owner, number(c.cases), number(c.accounts), number(c.arr),
             number(c.as_root), number(c.confirmed), number(c.churned_accounts), number(c.reach)});
}

void links(CsvWriter& csv, const Report& r) {
  csv.row({"from", "to", "cases", "accounts"});
  for (const auto& l : r.links) csv.row({l.from, l.to, number(l.cases), number(l.accounts)});
}

void chains(CsvWriter& csv, const Report& r) {
  csv.row({"path", "cases", "accounts", "arr", "churned_accounts"});
  for (const auto& c : r.chains)
    csv.row({join(c.path, " > "), number(c.cases), number(c.accounts), number(c.arr), number(c.churned_accounts)});
}

void pairs(CsvWriter& csv, const Report& r) {
  csv.row({"a", "b", "cases", "accounts", "lift"});
  for (const auto& p : r.pairs) csv.row({p.a, p.b, number(p.cases), number(p.accounts), number(p.lift)});
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
  csv.row({"code", "fixed", "cases_after", "accounts_after", "held", "recurrences"});
  for (const auto& f : r.fixes) {
    std::vector<std::string> ids;
    for (auto i : f.recurrences) ids.push_back(r.case_refs[i].id);
    csv.row({f.code, f.fixed.to_string(), number(f.cases_after), number(f.accounts_after),
             f.cases_after == 0 ? "true" : "false", Text::text(join(ids, ";"))});
  }
}

}  // namespace

const std::vector<std::string>& csv_tables() {
  static const std::vector<std::string> names = {"causes",   "links",       "chains", "pairs",
                                                 "accounts", "departments", "fixes"};
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
  else
    throw std::invalid_argument("unknown CSV table: " + table);
}

}  // namespace esc
