#pragma once
#include <ostream>

#include "esc/analyze/report.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

// The aggregated cause graph of a report (nodes: `causes`, edges: `links`),
// keeping only edges seen at `min_accounts` accounts or more (and the nodes
// they touch, plus every node when min_accounts <= 1).

/// Graphviz DOT: titles as labels, categories as clusters, pen width by accounts.
void render_graph_dot(std::ostream& out, const Report& report, const Taxonomy& taxonomy, std::size_t min_accounts);
/// A Mermaid `flowchart LR` (renders on GitHub and GitLab).
void render_graph_mermaid(std::ostream& out, const Report& report, const Taxonomy& taxonomy, std::size_t min_accounts);
/// GraphML with node and edge attributes (networkx, Gephi, yEd).
void render_graph_graphml(std::ostream& out, const Report& report, const Taxonomy& taxonomy, std::size_t min_accounts);
/// `{"schema": "esc-autopsy/graph/v1", "nodes": [...], "edges": [...]}`.
void render_graph_json(std::ostream& out, const Report& report, const Taxonomy& taxonomy, std::size_t min_accounts);

}  // namespace esc
