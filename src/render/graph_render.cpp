#include "esc/render/graph_render.hpp"

#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "esc/render/xml_escape.hpp"

namespace esc {
namespace {

// The nodes and edges to draw after pruning.
struct GraphView {
  std::vector<const CauseStat*> nodes;
  std::vector<const LinkStat*> edges;
  std::size_t max_accounts = 1;
};

GraphView view_of(const Report& report, std::size_t min_accounts) {
  GraphView view;
  std::set<std::string> touched;
  for (const auto& link : report.links) {
    if (link.accounts < min_accounts) continue;
    view.edges.push_back(&link);
    touched.insert(link.from);
    touched.insert(link.to);
    view.max_accounts = std::max(view.max_accounts, link.accounts);
  }
  std::vector<const CauseStat*> nodes;
  for (const auto& cause : report.causes)
    if (min_accounts <= 1 || touched.count(cause.code)) view.nodes.push_back(&cause);
  std::sort(view.nodes.begin(), view.nodes.end(),
            [](const CauseStat* a, const CauseStat* b) { return a->code < b->code; });
  return view;
}

std::string dot_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// Mermaid labels: quotes and brackets would end the label; use entity codes.
// Line ends become spaces and backticks entities, so a label can never close
// the Markdown code fence the graph sits in.
std::string mermaid_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"')
      out += "#quot;";
    else if (c == '<')
      out += "#lt;";
    else if (c == '>')
      out += "#gt;";
    else if (c == '`')
      out += "#96;";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

}  // namespace

void render_graph_dot(std::ostream& out, const Report& report, const Taxonomy& taxonomy, std::size_t min_accounts) {
  GraphView view = view_of(report, min_accounts);
  out << "digraph causes {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f5\", "
         "fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", color=\"#555555\"];\n";
  std::map<std::string, std::vector<const CauseStat*>> by_category;
  for (const CauseStat* node : view.nodes) by_category[node->category].push_back(node);
  for (const auto& [category, nodes] : by_category) {
    const TaxonomyEntry* entry = taxonomy.find(category);
    out << "  subgraph " << dot_quote("cluster_" + category)
        << " {\n    label=" << dot_quote(entry ? entry->title : category)
        << ";\n    style=rounded; color=\"#bbbbbb\";\n";
    for (const CauseStat* node : nodes)
      out << "    " << dot_quote(node->code)
          << " [label=" << dot_quote(fmt::format("{}\n{}\n{} accounts", node->title, node->code, node->accounts))
          << "];\n";
    out << "  }\n";
  }
  for (const LinkStat* edge : view.edges) {
    double pen = 1.0 + 4.0 * static_cast<double>(edge->accounts) / static_cast<double>(view.max_accounts);
    out << "  " << dot_quote(edge->from) << " -> " << dot_quote(edge->to)
        << fmt::format(" [label=\"{}\", penwidth={:.1f}, weight={}];\n", edge->accounts, pen, edge->accounts);
  }
  out << "}\n";
}

void render_graph_mermaid(std::ostream& out, const Report& report, const Taxonomy& taxonomy, std::size_t min_accounts) {
  GraphView view = view_of(report, min_accounts);
  out << "flowchart LR\n";
  // Ids by position (n0, n1, ... for causes, g0, g1, ... for categories): no two
  // codes can collide, whatever characters they hold (`a-b.c` and `a.b-c` did).
  std::map<std::string, std::string> ids;
  for (std::size_t i = 0; i < view.nodes.size(); ++i) ids.emplace(view.nodes[i]->code, fmt::format("n{}", i));
  std::map<std::string, std::vector<const CauseStat*>> by_category;
  for (const CauseStat* node : view.nodes) by_category[node->category].push_back(node);
  std::size_t group = 0;
  for (const auto& [category, nodes] : by_category) {
    const TaxonomyEntry* entry = taxonomy.find(category);
    out << "  subgraph g" << group++ << " [\"" << mermaid_text(entry ? entry->title : category) << "\"]\n";
    for (const CauseStat* node : nodes)
      out << "    " << ids[node->code] << "[\"" << mermaid_text(node->title) << "<br/><small>"
          << mermaid_text(node->code) << "</small>\"]\n";
    out << "  end\n";
  }
  for (const LinkStat* edge : view.edges)
    out << "  " << ids[edge->from] << " -->|" << edge->accounts << "| " << ids[edge->to] << '\n';
}

void render_graph_graphml(std::ostream& out, const Report& report, const Taxonomy&, std::size_t min_accounts) {
  GraphView view = view_of(report, min_accounts);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
         "  <key id=\"title\" for=\"node\" attr.name=\"title\" attr.type=\"string\"/>\n"
         "  <key id=\"category\" for=\"node\" attr.name=\"category\" attr.type=\"string\"/>\n"
         "  <key id=\"owner\" for=\"node\" attr.name=\"owner\" attr.type=\"string\"/>\n"
         "  <key id=\"node_cases\" for=\"node\" attr.name=\"cases\" attr.type=\"int\"/>\n"
         "  <key id=\"node_accounts\" for=\"node\" attr.name=\"accounts\" attr.type=\"int\"/>\n"
         "  <key id=\"edge_cases\" for=\"edge\" attr.name=\"cases\" attr.type=\"int\"/>\n"
         "  <key id=\"edge_accounts\" for=\"edge\" attr.name=\"accounts\" attr.type=\"int\"/>\n"
         "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
         "  <graph id=\"causes\" edgedefault=\"directed\">\n";
  for (const CauseStat* node : view.nodes)
    out << "    <node id=\"" << escape_xml(node->code) << "\">\n"
        << "      <data key=\"title\">" << escape_xml(node->title) << "</data>\n"
        << "      <data key=\"category\">" << escape_xml(node->category) << "</data>\n"
        << "      <data key=\"owner\">" << escape_xml(node->owner) << "</data>\n"
        << "      <data key=\"node_cases\">" << node->cases << "</data>\n"
        << "      <data key=\"node_accounts\">" << node->accounts << "</data>\n"
        << "    </node>\n";
  std::size_t index = 0;
  for (const LinkStat* edge : view.edges)
    out << "    <edge id=\"e" << index++ << "\" source=\"" << escape_xml(edge->from) << "\" target=\""
        << escape_xml(edge->to) << "\">\n"
        << "      <data key=\"edge_cases\">" << edge->cases << "</data>\n"
        << "      <data key=\"edge_accounts\">" << edge->accounts << "</data>\n"
        << "      <data key=\"weight\">" << edge->accounts << "</data>\n"
        << "    </edge>\n";
  out << "  </graph>\n</graphml>\n";
}

void render_graph_json(std::ostream& out, const Report& report, const Taxonomy&, std::size_t min_accounts) {
  GraphView view = view_of(report, min_accounts);
  nlohmann::ordered_json doc;
  doc["schema"] = "esc-autopsy/graph/v1";
  doc["min_accounts"] = min_accounts;
  auto& nodes = doc["nodes"] = nlohmann::ordered_json::array();
  for (const CauseStat* n : view.nodes)
    nodes.push_back({{"code", n->code},
                     {"title", n->title},
                     {"category", n->category},
                     {"owner", n->owner},
                     {"cases", n->cases},
                     {"accounts", n->accounts}});
  auto& edges = doc["edges"] = nlohmann::ordered_json::array();
  for (const LinkStat* e : view.edges)
    edges.push_back({{"from", e->from}, {"to", e->to}, {"cases", e->cases}, {"accounts", e->accounts}});
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace esc
