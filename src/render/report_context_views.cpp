// Long lists as the built-in templates show them (see capped_view()).
#include <fmt/format.h>

#include "esc/render/findings.hpp"
#include "report_context_parts.hpp"

namespace esc::context {

mstch::map capped_view(const mstch::array& rows, std::size_t top, std::size_t more) {
  mstch::array parts;
  std::size_t shown = std::min(rows.size(), top);
  parts.push_back(mstch::map{{"is_more", false},
                             {"count", format_count(shown)},
                             {"rows", mstch::array(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(shown))}});
  std::size_t extra = std::min(rows.size() - shown, more);
  if (extra > 0) {
    auto first = rows.begin() + static_cast<std::ptrdiff_t>(shown);
    parts.push_back(mstch::map{{"is_more", true},
                               {"count", format_count(extra)},
                               {"rows", mstch::array(first, first + static_cast<std::ptrdiff_t>(extra))}});
  }
  std::size_t rest = rows.size() - shown - extra;
  return mstch::map{{"parts", parts}, {"has_rest", rest > 0}, {"rest", format_count(rest)}};
}

void add_capped_views(mstch::map& ctx) {
  for (const char* list : k_capped_lists) {
    const auto& rows = boost::get<mstch::array>(ctx.at(list));
    ctx[std::string(list) + "_view"] = capped_view(rows);
  }
}

std::string capped_names(const std::vector<std::string>& names, std::size_t limit, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i == 0 ? "" : separator) + isolate(names[i]);
  if (names.size() > limit) out += fmt::format(" and {} more", format_count(names.size() - limit));
  return out;
}

}  // namespace esc::context
