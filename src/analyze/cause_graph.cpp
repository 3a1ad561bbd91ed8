#include "esc/analyze/cause_graph.hpp"

#include <algorithm>
#include <string_view>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>

namespace esc {

CauseGraph build_cause_graph(const Facts& facts) {
  std::set<std::string_view> codes;
  for (const auto& c : facts.cases)
    for (std::size_t i = 0; i < c.code_count(); ++i) codes.insert(c.code(i));
  CauseGraph graph;
  std::map<std::string_view, CauseGraph::vertex_descriptor> vertex;
  for (auto code : codes) vertex[code] = boost::add_vertex(CauseVertex{std::string(code)}, graph);
  for (const auto& c : facts.cases)
    for (std::size_t i = 0; i < c.edge_count(); ++i) {
      DigestEdge link = c.edge(i);
      auto u = vertex[c.code(link.from)], v = vertex[c.code(link.to)];
      auto [edge, exists] = boost::edge(u, v, graph);
      if (!exists) edge = boost::add_edge(u, v, graph).first;
      graph[edge].cases += 1;
      graph[edge].accounts.insert(c.account_index);
    }
  return graph;
}

std::vector<std::vector<std::string>> find_loops(const CauseGraph& graph) {
  std::vector<int> component(boost::num_vertices(graph));
  int count = boost::strong_components(
      graph, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, graph)));
  std::vector<std::vector<std::string>> groups(static_cast<std::size_t>(count));
  for (auto v : boost::make_iterator_range(boost::vertices(graph)))
    groups[static_cast<std::size_t>(component[v])].push_back(graph[v].code);
  std::vector<std::vector<std::string>> loops;
  for (auto& group : groups)
    if (group.size() >= 2) {
      std::sort(group.begin(), group.end());
      loops.push_back(std::move(group));
    }
  std::sort(loops.begin(), loops.end());
  return loops;
}

namespace {

// Records every vertex a breadth-first search discovers.
struct DiscoverRecorder : boost::default_bfs_visitor {
  std::vector<bool>* seen;
  void discover_vertex(CauseGraph::vertex_descriptor v, const CauseGraph&) const { (*seen)[v] = true; }
};

}  // namespace

std::map<std::string, std::size_t> reach_counts(const CauseGraph& graph) {
  std::map<std::string, std::size_t> reach;
  std::size_t n = boost::num_vertices(graph);
  for (auto start : boost::make_iterator_range(boost::vertices(graph))) {
    std::vector<bool> seen(n, false);
    DiscoverRecorder recorder;
    recorder.seen = &seen;
    boost::breadth_first_search(graph, start, boost::visitor(recorder));
    std::size_t count = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), true)) - 1;
    // The start counts itself only when a path leads back to it (a loop).
    for (auto e : boost::make_iterator_range(boost::in_edges(start, graph)))
      if (seen[boost::source(e, graph)]) {
        ++count;
        break;
      }
    reach[graph[start].code] = count;
  }
  return reach;
}

std::vector<std::vector<std::string>> case_chains(const CaseFacts& c, std::size_t limit) {
  using Small = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
  Small graph(c.code_count());
  for (std::size_t i = 0; i < c.edge_count(); ++i) boost::add_edge(c.edge(i).from, c.edge(i).to, graph);
  std::vector<Small::vertex_descriptor> order;  // reverse topological: sinks first
  boost::topological_sort(graph, std::back_inserter(order));
  // paths[v]: the maximal paths that start at v, each as vertex indices.
  std::vector<std::vector<std::vector<std::size_t>>> paths(c.code_count());
  for (auto v : order) {
    auto& mine = paths[v];
    for (auto e : boost::make_iterator_range(boost::out_edges(v, graph)))
      for (const auto& tail : paths[boost::target(e, graph)]) {
        if (mine.size() >= limit) break;
        std::vector<std::size_t> path{v};
        path.insert(path.end(), tail.begin(), tail.end());
        mine.push_back(std::move(path));
      }
    if (mine.empty()) mine.push_back({v});
  }
  std::set<std::vector<std::string>> chains;
  for (std::size_t v = 0; v < c.code_count(); ++v) {
    if (boost::in_degree(v, graph) != 0) continue;
    for (const auto& path : paths[v]) {
      if (path.size() < 2 || chains.size() >= limit) continue;
      std::vector<std::string> codes;
      for (auto i : path) codes.emplace_back(c.code(i));
      chains.insert(std::move(codes));
    }
  }
  return {chains.begin(), chains.end()};
}

}  // namespace esc
