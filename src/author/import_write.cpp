// `import`: imported cases → new case files, or block edits of existing ones.
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "esc/author/block_edit.hpp"
#include "esc/author/import_cases.hpp"
#include "esc/author/review_edit.hpp"
#include "esc/author/yaml_emit.hpp"
#include "esc/load/source_text.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/model/case.hpp"

namespace esc {
namespace {

// Whether `text` can be written as a literal block scalar and read back the same.
bool fits_literal_block(std::string_view text) {
  // One line is a block too when it is long: easier to read, and to diff.
  if (text.find('\n') == std::string_view::npos && text.size() < 100) return false;
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) return false;  // NEL
    if (c == 0xE2 && text.substr(i, 3) >= "\xE2\x80\xA8" && text.substr(i, 3) <= "\xE2\x80\xA9") return false;
    if (c == 0xEF && text.substr(i, 3) == "\xEF\xBB\xBF") return false;
  }
  // A line of only spaces, or lines with trailing spaces, read back fine; a first line starting with a
  // space or a tab needs an indentation indicator.
  return true;
}

// `key: value` for free text: a literal block (`|`) for several lines, else a quoted-as-needed scalar.
std::string text_entry(std::string_view key, const std::string& value) {
  if (!fits_literal_block(value)) return fmt::format("{}: {}\n", key, yaml_scalar(value));
  std::string header = "|";
  if (value.front() == ' ' || value.front() == '\t' || value.front() == '\n') header += "2";
  std::size_t trailing = value.size() - value.find_last_not_of('\n') - 1;
  if (value.find_last_not_of('\n') == std::string::npos) trailing = value.size();
  header += trailing == 0 ? "-" : trailing == 1 ? "" : "+";
  std::string out = fmt::format("{}: {}\n", key, header);
  std::size_t begin = 0;
  std::string_view body(value);
  if (trailing == 1) body.remove_suffix(1);
  while (begin <= body.size()) {
    std::size_t end = body.find('\n', begin);
    std::string_view line = body.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
    out += line.empty() ? "\n" : fmt::format("  {}\n", line);
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  return out;
}

std::string account_block(const std::string& id, const std::string& name, const std::string& segment,
                          const std::string& region, const std::string& arr) {
  std::string out = fmt::format("account:\n  id: {}\n", yaml_scalar(id));
  if (!name.empty()) out += fmt::format("  name: {}\n", yaml_scalar(name));
  if (!segment.empty()) out += fmt::format("  segment: {}\n", yaml_scalar(segment));
  if (!region.empty()) out += fmt::format("  region: {}\n", yaml_scalar(region));
  if (!arr.empty()) out += fmt::format("  arr: {}\n", arr);
  return out;
}

std::string outcome_block(const ImportedCase& c, const std::string& outcome) {
  if (outcome != c.outcome && !c.outcome.empty())
    return fmt::format("outcome: {}  # the export says {}: set it once the autopsy found the causes\n", outcome,
                       c.outcome);
  return fmt::format("outcome: {}\n", outcome);
}

std::string severity_block(const std::string& claimed, std::optional<int> assessed) {
  std::string out = fmt::format("severity:\n  claimed: {}\n", claimed);
  if (assessed) out += fmt::format("  assessed: sev{}\n", *assessed);
  return out;
}

// An amount as import writes it, for comparing with a number read from a file.
std::string amount_text(std::optional<double> amount) {
  if (!amount) return {};
  if (std::floor(*amount) == *amount && std::fabs(*amount) < 1e15)
    return fmt::format("{}", static_cast<long long>(*amount));
  return fmt::format("{}", *amount);
}

}  // namespace

std::string written_outcome(const ImportedCase& c, bool has_causes) {
  if (!has_causes && c.closed) return "open";
  return c.outcome;
}

std::string render_imported_case(const ImportedCase& c) {
  std::string out = fmt::format(
      "# Imported by `esc-autopsy import` from {}.\n"
      "# A new import updates only account, opened, closed, outcome and severity.claimed;\n"
      "# the causes are yours: `esc-autopsy review FILE`.\n",
      c.source);
  out += fmt::format("id: {}\n", yaml_scalar(c.id));
  out += fmt::format("title: {}\n", yaml_scalar(c.title));
  out += account_block(c.account_id, c.account_name, c.account_segment, c.account_region, c.account_arr);
  out += fmt::format("opened: {}\n", c.opened.to_string());
  if (c.closed) out += fmt::format("closed: {}\n", c.closed->to_string());
  std::string outcome = written_outcome(c, !c.causes.empty());
  if (!outcome.empty()) out += outcome_block(c, outcome);
  if (!c.severity.empty()) out += severity_block(c.severity, std::nullopt);
  if (!c.summary.empty()) out += text_entry("summary", c.summary);
  if (!c.causes.empty()) {
    out += "causes:\n";
    for (std::size_t i = 0; i < c.causes.size(); ++i)
      out += fmt::format("  - code: {}\n    confidence: suspected\n    note: {}\n", c.causes[i],
                         yaml_scalar("from the export: " + c.cause_sources[i]));
  }
  if (!c.tags.empty()) out += fmt::format("tags: {}\n", yaml_flow_list(c.tags));
  return out;
}

const char* to_string(ImportPlanEntry::Action action) {
  switch (action) {
    case ImportPlanEntry::Action::create:
      return "created";
    case ImportPlanEntry::Action::update:
      return "updated";
    case ImportPlanEntry::Action::unchanged:
      return "unchanged";
    case ImportPlanEntry::Action::skip:
      return "skipped";
  }
  return "";
}

ImportPlanEntry plan_case_file(const ImportedCase& c, const std::string& path, const LoadLimits& limits,
                               std::vector<Diagnostic>& out) {
  ImportPlanEntry plan;
  plan.id = c.id;
  plan.path = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !std::filesystem::is_symlink(path, ec)) {
    plan.content = render_imported_case(c);
    return plan;
  }
  auto skip = [&](std::string reason) {
    plan.action = ImportPlanEntry::Action::skip;
    plan.reason = reason;
    out.push_back(Diagnostic{Severity::error, "import-file", path, SourceMark{},
                             fmt::format("not updated from {}: {}", c.source, reason),
                             "fix the file (esc-autopsy validate), or move it away and import again", -1});
    return plan;
  };
  std::vector<Diagnostic> findings;
  std::string problem;
  // The first document, else (several documents) the one with the case's id.
  auto target = open_review_target(path, "", limits, findings, problem);
  if (target && target->original.id.value != c.id) {
    bool numeric = c.id.find_first_not_of("0123456789") == std::string::npos;
    if (target->documents > 1 && !numeric)
      target = open_review_target(path, c.id, limits, findings, problem);
    else
      problem = fmt::format("it holds case `{}`, not `{}`", target->original.id.value, c.id), target.reset();
  }
  if (!target) return skip(problem);
  const Case& old = target->original;
  plan.original = target->text;

  std::vector<BlockReplacement> replacements;
  auto change = [&](std::string field, const std::string& before, const std::string& after) {
    plan.changes.push_back(fmt::format("{}: {} -> {}", field, before.empty() ? "(none)" : before, after));
  };
  // account: the export's values over the file's.
  std::string name = c.account_name.empty() ? old.account.name.value : c.account_name;
  std::string segment = c.account_segment.empty() ? old.account.segment.value : c.account_segment;
  std::string region = c.account_region.empty() ? old.account.region : c.account_region;
  std::string old_arr = amount_text(old.account.arr);
  std::string arr = c.account_arr.empty() ? old_arr : amount_text(std::stod(c.account_arr));
  std::size_t before = plan.changes.size();
  if (c.account_id != old.account.id.value) change("account.id", old.account.id.value, c.account_id);
  if (name != old.account.name.value) change("account.name", old.account.name.value, name);
  if (segment != old.account.segment.value) change("account.segment", old.account.segment.value, segment);
  if (region != old.account.region) change("account.region", old.account.region, region);
  if (arr != old_arr) change("account.arr", old_arr, arr);
  if (plan.changes.size() > before)
    replacements.push_back({"account", account_block(c.account_id, name, segment, region, arr)});
  if (!old.opened || *old.opened != c.opened) {
    change("opened", old.opened ? old.opened->to_string() : "", c.opened.to_string());
    replacements.push_back({"opened", fmt::format("opened: {}\n", c.opened.to_string())});
  }
  if (c.closed && (!old.closed || *old.closed != *c.closed)) {
    change("closed", old.closed ? old.closed->to_string() : "", c.closed->to_string());
    replacements.push_back({"closed", fmt::format("closed: {}\n", c.closed->to_string())});
  }
  std::string outcome = written_outcome(c, !old.causes.empty());
  std::string old_outcome = old.outcome ? std::string(to_string(*old.outcome)) : std::string();
  if (!outcome.empty() && outcome != old_outcome) {
    change("outcome", old_outcome, outcome);
    replacements.push_back({"outcome", outcome_block(c, outcome)});
  }
  std::string old_claimed = old.severity_claimed ? fmt::format("sev{}", *old.severity_claimed) : std::string();
  if (!c.severity.empty() && c.severity != old_claimed) {
    change("severity.claimed", old_claimed, c.severity);
    replacements.push_back({"severity", severity_block(c.severity, old.severity_assessed)});
  }
  if (replacements.empty()) {
    plan.action = ImportPlanEntry::Action::unchanged;
    return plan;
  }
  std::string_view ending = line_ending_of(target->text);
  for (auto& r : replacements) r.text = with_line_ending(r.text, ending);
  plan.content = replace_blocks(target->text, target->span, target->blocks, replacements);
  // Read the result back: it must still parse, one document for each before.
  std::string checked = plan.content;
  std::vector<Diagnostic> reread;
  std::size_t documents = 0;
  if (check_encoding(checked, path, reread)) {
    SourceText source(path, checked);
    read_yaml_documents(
        source, limits, [&](YamlNode&&, std::size_t) { ++documents; }, reread);
  }
  if (count_severity(reread, Severity::error) > 0 || documents != target->documents)
    return skip("the edited file would not read back as the same YAML documents; edit it by hand");
  plan.action = ImportPlanEntry::Action::update;
  return plan;
}

}  // namespace esc
