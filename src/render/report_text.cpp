#include <algorithm>

#include <fmt/format.h>

#include "esc/render/baseline.hpp"
#include "esc/render/findings.hpp"
#include "esc/render/report_render.hpp"
#include "esc/render/text_escape.hpp"
#include "esc/render/text_table.hpp"

namespace esc {
namespace {

constexpr std::size_t k_rows = 10;

// Word-wraps `text` for lines that start at column `indent` (the first after
// a prefix the caller wrote, the others after `indent` spaces), so that no line
// is wider than `width`; a word longer than a line is cut.
std::string wrap(const std::string& text, std::size_t width, std::size_t indent) {
  std::size_t room = width > indent + 10 ? width - indent : 10;
  std::string out, line;
  auto flush = [&] {
    out += line + "\n" + std::string(indent, ' ');
    line.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    if (!line.empty() && display_width(line) + 1 + display_width(word) > room) flush();
    while (line.empty() && display_width(word) > room) {
      // Cut the word at a code point, within the room.
      std::size_t cut = 0, used = 0;
      while (cut < word.size()) {
        std::size_t next = cut + 1;
        while (next < word.size() && (static_cast<unsigned char>(word[next]) & 0xC0) == 0x80) ++next;
        std::size_t w = display_width(std::string_view(word).substr(cut, next - cut));
        if (used + w > room) break;
        used += w;
        cut = next;
      }
      if (cut == 0) break;
      line = word.substr(0, cut);
      word = word.substr(cut);
      flush();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + line;
}

void heading(std::ostream& out, const Style& style, const std::string& title, std::size_t total, std::size_t width) {
  std::string more = total > k_rows ? fmt::format("(top {} of {})", k_rows, total) : "";
  if (more.empty())
    out << '\n' << style.bold(title) << '\n';
  else if (display_width(title) + 1 + display_width(more) <= width)
    out << '\n' << style.bold(title) << style.dim(" " + more) << '\n';
  else
    out << '\n' << style.bold(title) << '\n' << style.dim(more) << '\n';
}

std::string n(std::size_t value) {
  return std::to_string(value);
}

void causes_table(std::ostream& out, const Report& r, const Style& style, std::size_t width) {
  if (r.causes.empty()) return;
  heading(out, style, "Top causes", r.causes.size(), width);
  TextTable table({"cause", "accounts", "cases", "conf/likely/susp", "ARR", "root", "churned", "owner"}, {5, 3, 6, 2});
  for (std::size_t i = 0; i < r.causes.size() && i < k_rows; ++i) {
    const auto& c = r.causes[i];
    table.add_row({c.code, n(c.accounts), n(c.cases), fmt::format("{}/{}/{}", c.confirmed, c.likely, c.suspected),
                   format_money(c.arr), n(c.as_root), n(c.churned_accounts), c.owner});
  }
  table.print(out, style, width);
}

void chains_table(std::ostream& out, const Report& r, const Style& style, std::size_t width) {
  if (r.chains.empty()) return;
  heading(out, style, "Chains of causes", r.chains.size(), width);
  TextTable table({"chain", "accounts", "cases", "ARR", "churned"}, {4, 2});
  for (std::size_t i = 0; i < r.chains.size() && i < k_rows; ++i) {
    const auto& c = r.chains[i];
    table.add_row({format_chain(c.path), n(c.accounts), n(c.cases), format_money(c.arr), n(c.churned_accounts)});
  }
  table.print(out, style, width);
}

void accounts_table(std::ostream& out, const Report& r, const Style& style, std::size_t width) {
  if (r.repeat_accounts.empty()) return;
  heading(out, style, "Repeat accounts", r.repeat_accounts.size(), width);
  TextTable table({"account", "cases", "outcome", "recurring causes"});
  for (std::size_t i = 0; i < r.repeat_accounts.size() && i < k_rows; ++i) {
    const auto& a = r.repeat_accounts[i];
    std::string who = a.name.empty() ? a.account : fmt::format("{} ({})", a.name, a.account);
    std::string cases = n(a.cases) + (a.third_strike ? " !" : "");
    std::string recurring = a.recurring.empty() ? "-" : fmt::format("{}", fmt::join(a.recurring, ", "));
    table.add_row({who, cases, a.outcome ? std::string(to_string(*a.outcome)) : "-", recurring});
  }
  table.print(out, style, width);
}

void departments_table(std::ostream& out, const Report& r, const Style& style, std::size_t width) {
  if (r.departments.empty()) return;
  heading(out, style, "Departments", r.departments.size(), width);
  TextTable table({"department", "causes", "cases", "accounts", "ARR", "open", "overdue", "absent"}, {7, 1, 5});
  for (std::size_t i = 0; i < r.departments.size() && i < k_rows; ++i) {
    const auto& d = r.departments[i];
    table.add_row({d.id, n(d.causes), n(d.cases), n(d.accounts), format_money(d.arr), n(d.actions_open),
                   n(d.actions_overdue), n(d.owner_absent)});
  }
  table.print(out, style, width);
}

void fixes_table(std::ostream& out, const Report& r, const Style& style, std::size_t width) {
  if (r.fixes.empty()) return;
  heading(out, style, "Did the fixes hold?", r.fixes.size(), width);
  TextTable table({"cause", "fixed", "before", "after", "rate ratio (95% CI)", "verdict"}, {4, 1});
  for (std::size_t i = 0; i < r.fixes.size() && i < k_rows; ++i) {
    const FixStat& f = r.fixes[i];
    std::string ratio = f.rate_ratio ? fmt::format("{:.2f} ({})", *f.rate_ratio, format_rate_ratio_ci(f)) : "-";
    table.add_row({f.code, f.fixed.to_string(), fmt::format("{} in {}d", f.cases_before, f.days_before),
                   fmt::format("{} in {}d", f.cases_after, f.days_after), ratio, std::string(to_string(f.verdict))});
  }
  table.print(out, style, width);
}

void watchlist_table(std::ostream& out, const Report& r, const Style& style, std::size_t width) {
  if (r.watchlist.empty()) return;
  heading(out, style, "Watchlist: act before the next escalation", r.watchlist.size(), width);
  TextTable table({"account", "ARR", "cases", "why"}, {2});
  for (std::size_t i = 0; i < r.watchlist.size() && i < k_rows; ++i) {
    const WatchItem& w = r.watchlist[i];
    std::string who = w.name.empty() ? w.account : fmt::format("{} ({})", w.name, w.account);
    table.add_row({who, format_money(w.arr), n(w.cases), fmt::format("{}", fmt::join(w.reasons, "; "))});
  }
  table.print(out, style, width);
}

// Open actions, the overdue ones first.
void actions_table(std::ostream& out, const Report& r, const Style& style, std::size_t width) {
  if (r.actions.empty()) return;
  heading(out, style, "Open follow-up actions", r.actions.size(), width);
  TextTable table({"overdue", "due", "owner", "case", "account", "action"}, {4, 1});
  for (std::size_t i = 0; i < r.actions.size() && i < k_rows; ++i) {
    const ActionItem& a = r.actions[i];
    const CaseRef& c = r.case_refs[a.case_ref];
    table.add_row(
        {a.days_overdue > 0 ? fmt::format("{}d", format_count(static_cast<std::size_t>(a.days_overdue))) : "-",
         a.due ? a.due->to_string() : "-", a.owner, c.id, c.account, a.action});
  }
  table.print(out, style, width);
}

}  // namespace

void render_report_text(std::ostream& out, const Report& r, const Style& style, std::size_t width) {
  const auto& s = r.summary;
  std::string counts =
      fmt::format("{}, {}, {} open (as of {})", count_of(s.cases, "case"), count_of(s.accounts, "account"),
                  format_count(s.open_cases), r.options.as_of.to_string());
  out << style.bold("Escalation autopsy report") << '\n'
      << wrap(counts, width > 1 ? width - 1 : width, 0);  // room for a ";"
  std::string missing = left_out_text(s, "--as-of");
  if (!missing.empty()) {
    std::string left_out = "; left out: " + missing;
    if (display_width(counts) + display_width(left_out) <= width)
      out << style.yellow(left_out);
    else  // on a line of its own, indented as the rest of the sentence
      out << ";\n  " << style.yellow(wrap("left out: " + missing, width, 2));
  }
  out << '\n'
      << wrap(fmt::format("ARR lost: {} ({} churned, {} downgraded); at risk: {}; retained: {}; total: {}",
                          format_money(s.arr_churned + s.arr_downgraded), format_money(s.arr_churned),
                          format_money(s.arr_downgraded), format_money(s.arr_at_risk), format_money(s.arr_retained),
                          format_money(s.arr_total)),
              width, 2)
      << '\n';
  if (r.baseline) render_baseline_text(out, *r.baseline, style, width);
  if (s.cases == 0) {
    out << "\nNo cases to analyse.\n";
    return;
  }
  auto findings = key_findings(r);
  if (!findings.empty()) {
    out << '\n' << style.bold("Findings") << '\n';
    for (std::size_t i = 0; i < findings.size(); ++i)
      out << fmt::format("  {}. ", i + 1) << wrap(escape_text(findings[i].headline), width, i + 1 < 10 ? 5 : 6) << '\n';
  }
  watchlist_table(out, r, style, width);
  causes_table(out, r, style, width);
  chains_table(out, r, style, width);
  accounts_table(out, r, style, width);
  departments_table(out, r, style, width);
  fixes_table(out, r, style, width);
  actions_table(out, r, style, width);
  if (!r.loops.empty()) {
    out << '\n' << style.bold("Loops") << '\n';
    for (const auto& loop : r.loops) out << "  " << wrap(escape_text(format_chain(loop, " ⇄ ")), width, 2) << '\n';
  }
  out << '\n'
      << style.dim(wrap("More: --format json for every number; man esc-autopsy-report for definitions.", width, 0))
      << '\n';
}

}  // namespace esc
