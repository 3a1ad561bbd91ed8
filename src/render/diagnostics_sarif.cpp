// SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
#include <nlohmann/json.hpp>

#include "esc/model/rule_catalog.hpp"
#include "esc/model/version.hpp"
#include "esc/render/diagnostics_render.hpp"

namespace esc {
namespace {

using nlohmann::ordered_json;

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::off: return "none";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
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

ordered_json result(const Diagnostic& d, const std::string& base) {
  bool relative = false;
  ordered_json artifact = {{"uri", artifact_uri(d.file, base, relative)}};
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
  return item;
}

}  // namespace

void render_diagnostics_sarif(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const std::string& base) {
  ordered_json results = ordered_json::array();
  for (const auto& d : diagnostics) results.push_back(result(d, base));
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
