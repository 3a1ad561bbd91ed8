// The template context of --baseline: the change since an earlier report.
#include <fmt/format.h>

#include "esc/render/baseline.hpp"
#include "report_context_parts.hpp"

namespace esc::context {
namespace {

constexpr std::size_t k_rows = 10;

// The keys of one change: then, now and the change in words, with its tone.
void add_change(mstch::map& out, const Change& c) {
  std::string tone = change_tone(c);
  std::string text = change_text(c);
  std::string arrow = c.delta > 0 ? "▲" : c.delta < 0 ? "▼" : "";
  out.emplace("then", change_value(c, c.then));
  out.emplace("now", change_value(c, c.now));
  out.emplace("delta_raw", raw_number(c.delta));
  out.emplace("change", text);
  out.emplace("arrow", arrow);
  out.emplace("words", arrow.empty() ? text : text.substr(arrow.size() + 1));
  out.emplace("tone", tone);
  out.emplace("is_worse", tone == "worse");
  out.emplace("is_better", tone == "better");
  out.emplace("is_quiet", tone == "unchanged" || tone == "neutral");
}

mstch::map change_map(const Change& c) {
  mstch::map out;
  add_change(out, c);
  return out;
}

// The first k_rows items of the new report, then up to k_rows gone ones.
mstch::array items(const std::vector<ItemChange>& list, const char* id_key,
                   const std::function<std::string(const std::string&)>& title_of) {
  mstch::array out;
  std::size_t current = 0, gone = 0;
  for (const auto& item : list) {
    bool is_gone = item.status == ItemChange::Status::gone;
    if (is_gone ? gone++ >= k_rows : current++ >= k_rows) continue;
    std::string title = title_of(item.id);
    mstch::map row{{id_key, item.id},
                   {"title", title == item.id && !item.title.empty() ? item.title : title},
                   {"status", to_string(item.status)},
                   {"is_new", item.status == ItemChange::Status::added},
                   {"is_gone", is_gone}};
    for (const auto& c : item.values)
      if (c.key != "arr") row.emplace(c.key, change_map(c));  // ARR per row: in the JSON report
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

void add_baseline(mstch::map& ctx, const Report& report, const Names& names) {
  static const BaselineComparison none;
  const BaselineComparison& b = report.baseline ? *report.baseline : none;
  mstch::array figures;
  for (const auto& info : baseline_figures())
    for (const auto& c : b.figures)
      if (c.key == info.key) {
        mstch::map row{{"key", c.key}, {"label", info.label}};
        add_change(row, c);
        figures.push_back(std::move(row));
      }
  auto causes = items(b.causes, "code", [&](const std::string& code) { return names.cause_title(code); });
  auto departments = items(b.departments, "id", [&](const std::string& id) { return names.department_title(id); });
  ctx.emplace("has_baseline", report.baseline.has_value());
  ctx.emplace("baseline", mstch::map{{"file", b.file},
                                     {"as_of", b.as_of},
                                     {"has_filters_differ", !b.filter_differences.empty()},
                                     {"filters_differ_text", fmt::format("{}", fmt::join(b.filter_differences, "; "))},
                                     {"figures", figures},
                                     {"has_causes", !causes.empty()},
                                     {"causes", causes},
                                     {"has_departments", !departments.empty()},
                                     {"departments", departments}});
}

}  // namespace esc::context
