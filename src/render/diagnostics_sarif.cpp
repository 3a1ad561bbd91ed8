// SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
#include <cstdint>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "esc/model/rule_catalog.hpp"
#include "esc/model/version.hpp"
#include "esc/render/diagnostics_render.hpp"

namespace esc {
namespace {

using nlohmann::ordered_json;

// Every rule is described under RULES in the validate manual page, which is
// installed with the tool: a man: URI works offline and cannot go stale the way a
// web address of a particular version would (yelp and KDE's help open it).
constexpr const char* k_help_uri = "man:esc-autopsy-validate(1)";

// FNV-1a, 64 bits, as 16 hex digits: stable across runs, versions and machines.
std::string fingerprint(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<std::size_t>(i)] = digits[hash & 0xF];
  return out;
}

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::off:
      return "none";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

ordered_json driver() {
  ordered_json rules = ordered_json::array();
  for (const auto& rule : rule_catalog()) {
    std::string help(rule.help);
    rules.push_back({{"id", rule.id},
                     {"name", rule.id},
                     {"shortDescription", {{"text", rule.summary}}},
                     {"fullDescription", {{"text", rule.summary}}},
                     {"helpUri", k_help_uri},
                     {"help", {{"text", help}, {"markdown", help}}},
                     {"defaultConfiguration", {{"level", sarif_level(rule.default_severity)}}}});
  }
  return {{"name", "esc-autopsy"},
          {"version", std::string(version())},
          {"semanticVersion", std::string(version())},
          {"informationUri", "https://github.com/esc-autopsy/esc-autopsy"},
          {"rules", std::move(rules)}};
}

std::size_t rule_index(const std::string& id) {
  const auto& rules = rule_catalog();
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (rules[i].id == id) return i;
  return rules.size();
}

// `occurrence` counts earlier results with the same rule, file and message, so
// identical findings keep distinct fingerprints.
ordered_json result(const Diagnostic& d, const std::string& base, std::size_t occurrence) {
  bool relative = false;
  std::string uri = artifact_uri(d.file, base, relative);
  ordered_json artifact = {{"uri", uri}};
  if (relative) artifact["uriBaseId"] = "%SRCROOT%";
  // A finding about a whole file (no position) points at its first line.
  ordered_json region = {{"startLine", d.mark.valid() ? d.mark.line : 1u},
                         {"startColumn", d.mark.valid() ? d.mark.column : 1u}};
  std::string text = d.message + (d.suggestion.empty() ? "" : "; " + d.suggestion);
  ordered_json item = {{"ruleId", d.rule}};
  if (std::size_t index = rule_index(d.rule); index < rule_catalog().size()) item["ruleIndex"] = index;
  item["level"] = sarif_level(d.severity);
  item["message"] = {{"text", text}};
  item["locations"] = ordered_json::array(
      {{{"physicalLocation", {{"artifactLocation", std::move(artifact)}, {"region", std::move(region)}}}}});
  // Not the line: a finding that moves when lines are added above it stays the same alert.
  item["partialFingerprints"] = {
      {"escAutopsyFinding/v1", fmt::format("{}:{}", fingerprint(d.rule + '\n' + uri + '\n' + d.message), occurrence)}};
  return item;
}

}  // namespace

void render_diagnostics_sarif(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const std::string& base) {
  ordered_json results = ordered_json::array();
  std::map<std::string, std::size_t> seen;
  for (const auto& d : diagnostics)
    results.push_back(result(d, base, ++seen[d.rule + '\n' + d.file + '\n' + d.message]));
  ordered_json run = {{"tool", {{"driver", driver()}}}};
  if (!base.empty()) {
    bool relative = false;
    std::string root = artifact_uri(base, "", relative);
    if (root.back() != '/') root += '/';
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", root}}}};
  }
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  ordered_json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                      {"version", "2.1.0"},
                      {"runs", ordered_json::array({std::move(run)})}};
  out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace esc
