#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "esc/analyze/facts.hpp"

namespace esc {

struct CauseVertex {
  std::string code;
};

struct CauseArc {
  std::size_t cases = 0;
  AccountSet accounts;
};

/// The cause graph aggregated over cases: one vertex per cited code, an
/// edge A -> B when some case says A led to B, weighted by cases and accounts.
using CauseGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, CauseVertex, CauseArc>;

/// Builds the aggregated graph; vertices are in code order.
CauseGraph build_cause_graph(const Facts& facts);

/// Strongly connected components of 2+ codes (each sorted; list sorted).
std::vector<std::vector<std::string>> find_loops(const CauseGraph& graph);

/// For each code, the number of distinct codes reachable through 1+ edges.
std::map<std::string, std::size_t> reach_counts(const CauseGraph& graph);

/// The maximal root-to-sink paths of one case with 2+ codes, at most
/// `limit` of them (a pathological case cannot explode the report).
std::vector<std::vector<std::string>> case_chains(const CaseFacts& c, std::size_t limit = 1000);

}  // namespace esc
