#include <nlohmann/json.hpp>

#include "esc/render/diagnostics_render.hpp"

namespace esc {

void render_diagnostics_json(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                             const ValidationSummary& summary) {
  using nlohmann::ordered_json;
  ordered_json items = ordered_json::array();
  for (const auto& d : diagnostics) {
    ordered_json item;
    item["file"] = d.file;
    item["line"] = d.mark.line;
    item["column"] = d.mark.column;
    item["severity"] = std::string(to_string(d.severity));
    item["rule"] = d.rule;
    item["message"] = d.message;
    if (!d.suggestion.empty()) item["suggestion"] = d.suggestion;
    items.push_back(std::move(item));
  }
  ordered_json doc;
  doc["schema"] = "esc-autopsy/diagnostics/v1";
  doc["diagnostics"] = std::move(items);
  doc["summary"] = {{"files", summary.files},           {"cases", summary.cases},
                    {"errors", summary.errors},         {"warnings", summary.warnings},
                    {"suppressed", summary.suppressed}, {"ignored", summary.ignored},
                    {"skipped", summary.skipped.size()}};
  out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace esc
