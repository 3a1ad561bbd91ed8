// report --account ID: the one-page account view instead of the report.
#include "esc/cli/report_account.hpp"
#include <algorithm>

#include <unistd.h>

#include <filesystem>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "esc/analyze/account_view.hpp"
#include "esc/analyze/redact.hpp"
#include "esc/cli/output.hpp"
#include "esc/load/case_loader.hpp"
#include "esc/render/account_render.hpp"

namespace esc {
namespace {

// The analysis keeps the words of open actions only (memory at 100k cases);
// the view is one account's few cases, so read its files again for the
// words of done and dropped actions. A file that changed meanwhile (another
// id or other actions at that document) or stdin is left as it was.
void fill_action_words(AccountView& view, const CaseSet& set) {
  std::map<std::size_t, CaseSet> reread;
  for (auto& e : view.escalations) {
    auto wordless = [](const AccountAction& a) { return a.text.empty(); };
    if (e.file_index >= set.files.size() || std::none_of(e.actions.begin(), e.actions.end(), wordless)) continue;
    const std::string& path = set.files[e.file_index].path;
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) continue;
    auto it = reread.find(e.file_index);
    if (it == reread.end()) it = reread.emplace(e.file_index, load_case_set({path}, LoadOptions{})).first;
    for (const Case& c : it->second.cases) {
      if (c.document != e.document || c.id.value != e.id || c.actions.size() != e.actions.size()) continue;
      for (std::size_t i = 0; i < c.actions.size(); ++i)
        if (e.actions[i].text.empty() && c.actions[i].status == e.actions[i].status)
          e.actions[i].text = c.actions[i].action;
    }
  }
}

}  // namespace

std::string account_view_id(const std::vector<std::string>& accounts, const std::string& format,
                            const std::string& template_path) {
  if (accounts.size() != 1 || !template_path.empty()) return "";
  return format == "html" || format == "markdown" || format == "text" ? accounts.front() : "";
}

void write_account_view(const AccountViewOutput& request, Report& whole, const AnalysisInput& input,
                        const Taxonomy& taxonomy, const GlobalOptions& globals) {
  std::optional<AccountView> view = account_view(whole, input.cases, *input.set.strings, taxonomy, request.account);
  if (!view) {
    bool known = false;
    for (const CaseDigest* digest : input.cases) known = known || digest->source->account.id.value == request.account;
    throw CliError(
        fmt::format("--account {}: no escalation to show{}", request.account,
                    known ? " (none of its cases passes the other filters)" : " (no valid case has this account id)"));
  }
  fill_action_words(*view, input.set);
  if (request.redact) redact_report(whole, *view);
  bool to_terminal = request.output.empty() || request.output == "-";
  std::ostringstream out;
  if (request.format == "text") {
    Style style(to_terminal && use_color(color_mode(globals), STDOUT_FILENO));
    render_account_text(out, *view, taxonomy, style, to_terminal ? terminal_width() : 100);
  } else {
    try {
      render_account_template(out, *view, taxonomy,
                              request.format == "html" ? TemplateFormat::html : TemplateFormat::markdown);
    } catch (const TemplateError& e) {
      throw CliError(fmt::format("the account template cannot be used:\n{}", e.what()));
    }
  }
  write_output(request.output, out.str(), request.force);
}

}  // namespace esc
