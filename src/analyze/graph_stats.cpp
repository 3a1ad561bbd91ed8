// links, loops, reach and chains (SPEC 5).
#include <algorithm>
#include <set>
#include <tuple>

#include "esc/analyze/cause_graph.hpp"

namespace esc {

void compute_graph_stats(const Facts& facts, Report& report) {
  CauseGraph graph = build_cause_graph(facts);
  for (auto e : boost::make_iterator_range(boost::edges(graph)))
    report.links.push_back({graph[boost::source(e, graph)].code, graph[boost::target(e, graph)].code, graph[e].cases,
                            graph[e].accounts.size()});
  std::sort(report.links.begin(), report.links.end(), [](const LinkStat& a, const LinkStat& b) {
    return std::make_tuple(-static_cast<long>(a.accounts), -static_cast<long>(a.cases), std::cref(a.from),
                           std::cref(a.to)) < std::make_tuple(-static_cast<long>(b.accounts),
                                                              -static_cast<long>(b.cases), std::cref(b.from),
                                                              std::cref(b.to));
  });
  report.loops = find_loops(graph);
  auto reach = reach_counts(graph);
  for (auto& cause : report.causes) cause.reach = reach[cause.code];

  std::map<std::vector<std::string>, std::pair<std::size_t, AccountSet>> by_path;
  for (const auto& c : facts.cases) {
    if (c.edge_count() == 0) continue;  // no chain of 2+ codes without a link
    for (auto& path : case_chains(c)) {
      auto& entry = by_path[path];
      entry.first += 1;
      entry.second.insert(c.account_index);
    }
  }
  for (auto& [path, entry] : by_path)
    report.chains.push_back(
        {path, entry.first, entry.second.size(), facts.arr_of(entry.second), facts.churned_count(entry.second), {}});
  std::sort(report.chains.begin(), report.chains.end(), [](const ChainStat& a, const ChainStat& b) {
    return std::make_tuple(-static_cast<long>(a.accounts), -static_cast<long>(a.cases), std::cref(a.path)) <
           std::make_tuple(-static_cast<long>(b.accounts), -static_cast<long>(b.cases), std::cref(b.path));
  });
}

}  // namespace esc
