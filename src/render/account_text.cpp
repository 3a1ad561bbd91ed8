// The account view as compact text (report --account ID, --format text).
#include <fmt/format.h>

#include "account_words.hpp"
#include "esc/render/account_render.hpp"
#include "esc/render/findings.hpp"
#include "esc/render/text_escape.hpp"
#include "esc/render/text_table.hpp"

namespace esc {
namespace {

// One piece of user text, escaped for the terminal and word-wrapped to
// `width` columns after `indent` (continuation lines indented as deep).
void line(std::ostream& out, const std::string& indent, std::size_t indent_width, const std::string& text,
          std::size_t width) {
  std::size_t room = width > indent_width + 20 ? width - indent_width : 20;
  std::string escaped = escape_text(text), current;
  out << indent;
  std::size_t start = 0;
  while (start <= escaped.size()) {
    std::size_t end = escaped.find(' ', start);
    if (end == std::string::npos) end = escaped.size();
    std::string word = escaped.substr(start, end - start);
    if (!current.empty() && display_width(current) + 1 + display_width(word) > room) {
      out << current << '\n' << std::string(indent_width, ' ');
      current.clear();
    }
    current += (current.empty() ? "" : " ") + word;
    start = end + 1;
  }
  out << current << '\n';
}

void line(std::ostream& out, const std::string& indent, const std::string& text, std::size_t width) {
  line(out, indent, display_width(indent), text, width);
}

}  // namespace

void render_account_text(std::ostream& out, const AccountView& view, const Taxonomy& taxonomy, const Style& style,
                         std::size_t width) {
  out << style.bold(escape_text(account::label(view)));
  if (!view.name.empty()) out << style.dim(" (" + escape_text(view.id) + ")");
  out << '\n';
  std::vector<std::string> facts;
  if (!view.segment.empty()) facts.push_back(escape_text(view.segment));
  facts.push_back("ARR " + format_money(view.arr));
  facts.push_back(view.outcome ? "outcome " + std::string(to_string(*view.outcome)) : "no outcome stated");
  facts.push_back(count_of(view.escalations.size(), "escalation"));
  out << fmt::format("{}", fmt::join(facts, " · "));
  if (view.third_strike) out << " · " << style.red("third strike");
  out << '\n';
  std::string filters = filters_text(view.options);
  out << style.dim(fmt::format("Fix verdicts from the whole set: {} at {}{}; as of {}{}",
                               count_of(view.set_cases, "case"), count_of(view.set_accounts, "account"),
                               filters.empty() ? "" : " (" + filters + ")", view.options.as_of.to_string(),
                               view.redacted ? "; account names replaced by pseudonyms" : ""))
      << '\n';

  for (std::size_t i = 0; i < view.escalations.size(); ++i) {
    const AccountEscalation& e = view.escalations[i];
    out << '\n' << style.bold(fmt::format("{}. {}", i + 1, escape_text(e.id))) << "  " << account::dates_text(e);
    std::string severity = account::severity_text(e);
    if (!severity.empty()) out << "  " << severity;
    if (e.outcome) out << "  " << to_string(*e.outcome);
    out << '\n';
    line(out, "   ", e.title, width);
    if (!e.causes.empty()) {
      std::vector<std::string> codes;
      for (const auto& c : e.causes) codes.push_back(c.code);
      line(out, "   causes: ", fmt::format("{}", fmt::join(codes, ", ")), width);
    }
    for (const auto& chain : e.chains) line(out, "   chain:  ", format_chain(chain), width);
    for (const auto& a : e.actions) {
      std::string status = account::action_status_text(a);
      std::string what = account::action_text(taxonomy, a);
      if (!a.owner.empty()) what += " (" + a.owner + ")";
      std::string indent = fmt::format("   [{}] ", status);
      line(out, a.overdue ? fmt::format("   [{}] ", style.red(status)) : indent, display_width(indent), what, width);
    }
  }

  std::vector<std::string> recurring;
  for (const auto& f : view.causes)
    if (f.escalations >= 2) recurring.push_back(fmt::format("{} ({}×)", f.code, f.escalations));
  if (!recurring.empty()) {
    out << '\n' << style.bold("Keeps coming back") << '\n';
    line(out, "  ", fmt::format("{}", fmt::join(recurring, ", ")), width);
  }
  if (!view.causes.empty()) {
    out << '\n' << style.bold("Did the fixes hold? (company-wide)") << '\n';
    TextTable table({"cause", "here", "fixed", "verdict", "before", "after", "here after"});
    for (const auto& f : view.causes)
      table.add_row({f.code, std::to_string(f.escalations), f.fix ? f.fix->fixed.to_string() : "–",
                     account::verdict_text(f), f.fix ? std::to_string(f.fix->cases_before) : "–",
                     f.fix ? std::to_string(f.fix->cases_after) : "–", f.fix ? std::to_string(f.here_after_fix) : "–"});
    table.print(out, style, width);
  }
}

}  // namespace esc
