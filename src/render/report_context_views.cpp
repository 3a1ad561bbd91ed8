// Long lists as the built-in templates show them (see capped_view()).
#include <fmt/format.h>

#include "esc/render/findings.hpp"
#include "report_context_parts.hpp"

namespace esc::context {

mstch::map capped_view(const mstch::array& rows, std::size_t total) {
  mstch::array parts;
  std::size_t shown = std::min(rows.size(), k_top_rows);
  parts.push_back(mstch::map{{"is_more", false},
                             {"count", format_count(shown)},
                             {"rows", mstch::array(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(shown))}});
  std::size_t extra = std::min(rows.size() - shown, k_more_rows);
  if (extra > 0) {
    auto first = rows.begin() + static_cast<std::ptrdiff_t>(shown);
    parts.push_back(mstch::map{{"is_more", true},
                               {"count", format_count(extra)},
                               {"rows", mstch::array(first, first + static_cast<std::ptrdiff_t>(extra))}});
  }
  std::size_t rest = total - shown - extra;
  return mstch::map{{"parts", parts}, {"has_rest", rest > 0}, {"rest", format_count(rest)}};
}

void add_capped_views(mstch::map& ctx, const Report& r) {
  const std::pair<const char*, std::size_t> totals[] = {
      {"watchlist", r.watchlist.size()}, {"causes", r.causes.size()},
      {"chains", r.chains.size()},       {"repeat_accounts", r.repeat_accounts.size()},
      {"fixes", r.fixes.size()},         {"actions", r.actions.size()},
      {"pairs", r.pairs.size()},         {"accounts", r.accounts.size()}};
  static_assert(std::size(totals) == std::size(k_capped_lists));
  for (const auto& [list, total] : totals)
    ctx[std::string(list) + "_view"] = capped_view(boost::get<mstch::array>(ctx.at(list)), total);
}

std::string join_isolated(const std::vector<std::string>& names, const std::string& separator, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i == 0 ? "" : separator) + isolate(names[i]);
  if (names.size() > limit) out += fmt::format(" and {} more", format_count(names.size() - limit));
  return out;
}

}  // namespace esc::context
