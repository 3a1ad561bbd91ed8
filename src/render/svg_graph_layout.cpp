// The cause graph's layout: which links, which layers, which order.
#include "svg_graph_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <map>
#include <set>

#include "svg.hpp"

namespace esc::graph_svg {

namespace {

constexpr double k_dummy_slot = 18, k_node_gap = 14;

double slot(const Node& n) {
  return n.cause ? n.h + k_node_gap : k_dummy_slot;
}

// Depth-first from the roots in code order; an edge to a node on the stack closes a loop.
void mark_back_edges(Layout& g) {
  std::vector<std::vector<std::size_t>> out(g.nodes.size());
  std::vector<int> indegree(g.nodes.size(), 0);
  for (std::size_t e = 0; e < g.edges.size(); ++e) {
    out[g.edges[e].from].push_back(e);
    indegree[g.edges[e].to] += 1;
  }
  for (auto& list : out)
    std::sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) { return g.edges[a].to < g.edges[b].to; });
  std::vector<int> state(g.nodes.size(), 0);  // 0 new, 1 on stack, 2 done
  std::function<void(std::size_t)> visit = [&](std::size_t v) {
    state[v] = 1;
    for (std::size_t e : out[v]) {
      std::size_t w = g.edges[e].to;
      if (state[w] == 1)
        g.edges[e].back = true;
      else if (state[w] == 0)
        visit(w);
    }
    state[v] = 2;
  };
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t v = 0; v < g.nodes.size(); ++v)
      if (state[v] == 0 && (pass == 1 || indegree[v] == 0)) visit(v);
}

// Longest path from the roots over the forward edges (Kahn's algorithm, nodes in code order).
void assign_layers(Layout& g) {
  std::vector<int> indegree(g.nodes.size(), 0);
  for (const auto& e : g.edges)
    if (!e.back) indegree[e.to] += 1;
  std::set<std::size_t> ready;
  for (std::size_t v = 0; v < g.nodes.size(); ++v)
    if (indegree[v] == 0) ready.insert(v);
  while (!ready.empty()) {
    std::size_t v = *ready.begin();
    ready.erase(ready.begin());
    for (const auto& e : g.edges)
      if (!e.back && e.from == v) {
        g.nodes[e.to].layer = std::max(g.nodes[e.to].layer, g.nodes[v].layer + 1);
        if (--indegree[e.to] == 0) ready.insert(e.to);
      }
  }
  std::size_t real = g.nodes.size();
  for (auto& e : g.edges) {
    if (e.back) continue;
    std::size_t previous = e.from;
    for (int l = g.nodes[e.from].layer + 1; l < g.nodes[e.to].layer; ++l) {
      e.route.push_back(g.nodes.size());
      g.nodes.push_back(Node{nullptr, "", l, 0, 0, 0, {}});
      g.segments.push_back({previous, g.nodes.size() - 1});
      previous = g.nodes.size() - 1;
    }
    g.segments.push_back({previous, e.to});
  }
  int count = 0;
  for (std::size_t v = 0; v < real; ++v) count = std::max(count, g.nodes[v].layer + 1);
  g.layers.assign(static_cast<std::size_t>(count), {});
  for (std::size_t v = 0; v < g.nodes.size(); ++v) g.layers[static_cast<std::size_t>(g.nodes[v].layer)].push_back(v);
}

// Stacks a layer's nodes from the top in their order, centred on y = 0.
void place(Layout& g, const std::vector<std::size_t>& layer) {
  double total = 0;
  for (std::size_t v : layer) total += slot(g.nodes[v]);
  double y = -total / 2;
  for (std::size_t v : layer) {
    g.nodes[v].y = y + slot(g.nodes[v]) / 2;
    y += slot(g.nodes[v]);
  }
}

// Barycenter sweeps over the segments to reduce crossings; ties keep the previous order.
void order_layers(Layout& g) {
  auto key = [&](std::size_t v) {
    const Node& n = g.nodes[v];
    return n.cause ? std::make_pair(n.cause->category, n.code) : std::make_pair(std::string("~"), std::string());
  };
  for (auto& layer : g.layers) {
    std::stable_sort(layer.begin(), layer.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    place(g, layer);
  }
  auto sweep = [&](std::size_t l, bool use_predecessors) {
    std::map<std::size_t, std::pair<double, int>> sums;
    for (const auto& [from, to] : g.segments) {
      std::size_t self = use_predecessors ? to : from, other = use_predecessors ? from : to;
      if (g.nodes[self].layer != static_cast<int>(l)) continue;
      sums[self].first += g.nodes[other].y;
      sums[self].second += 1;
    }
    std::vector<std::pair<double, std::size_t>> keyed;
    for (std::size_t v : g.layers[l]) {
      auto it = sums.find(v);
      keyed.push_back({it == sums.end() ? g.nodes[v].y : it->second.first / it->second.second, v});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < keyed.size(); ++i) g.layers[l][i] = keyed[i].second;
    place(g, g.layers[l]);
  };
  for (int round = 0; round < 6; ++round) {
    for (std::size_t l = 1; l < g.layers.size(); ++l) sweep(l, true);
    for (std::size_t l = g.layers.size(); l-- > 1;) sweep(l - 1, false);
  }
}

std::map<std::string, const CauseStat*> causes_by_code(const Report& report) {
  std::map<std::string, const CauseStat*> causes;
  for (const auto& c : report.causes) causes[c.code] = &c;
  return causes;
}

}  // namespace

double bold_width(const std::string& text, double size) {
  // At least the advance of DejaVu Sans Bold, the widest common fallback, per class of character.
  double em = 0;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u & 0xC0) == 0x80) continue;  // inside a UTF-8 sequence
    if (u >= 0x80)
      em += 1.0;
    else if (std::strchr(" .,:;'|ilj", c))
      em += 0.41;
    else if (std::strchr("ftr()[]/-", c))
      em += 0.5;
    else if (std::strchr("mwMW%@", c))
      em += 1.11;
    else if (std::islower(u))
      em += 0.72;
    else
      em += 0.88;  // capitals, digits, the other signs
  }
  return em * size;
}

std::vector<const LinkStat*> ranked_links(const Report& report) {
  auto causes = causes_by_code(report);
  std::vector<const LinkStat*> links;
  for (const auto& l : report.links)
    if (causes.count(l.from) && causes.count(l.to)) links.push_back(&l);
  std::sort(links.begin(), links.end(), [](const LinkStat* a, const LinkStat* b) {
    if (a->accounts != b->accounts) return a->accounts > b->accounts;
    if (a->cases != b->cases) return a->cases > b->cases;
    return std::tie(a->from, a->to) < std::tie(b->from, b->to);
  });
  return links;
}

std::size_t initial_count(const std::vector<const LinkStat*>& ranked) {
  std::set<std::string> codes;
  std::size_t count = 0;
  for (const auto* l : ranked) {
    codes.insert({l->from, l->to});
    if (count > 0 && (codes.size() > k_max_nodes || count + 1 > k_max_links)) break;
    count += 1;
  }
  return count;
}

std::vector<std::string> wrap_whole(const std::string& text, double max_width, double size) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find(' ', start), text.size());
    std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    std::string candidate = line.empty() ? word : line + " " + word;
    if (line.empty() || bold_width(candidate, size) <= max_width) {
      line = candidate;
    } else {
      lines.push_back(line);
      line = word;
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

double widest_word(const Report& report, const std::vector<const LinkStat*>& links) {
  auto causes = causes_by_code(report);
  double widest = 0;
  for (const auto* l : links)
    for (const auto& code : {l->from, l->to})
      for (const auto& word : wrap_whole(causes[code]->title, 0, k_title_size))
        widest = std::max(widest, bold_width(word, k_title_size));
  return widest;
}

Layout layout_of(const Report& report, const std::vector<const LinkStat*>& links, double node_w) {
  Layout g;
  auto causes = causes_by_code(report);
  std::set<std::string> codes;
  for (const auto* l : links) codes.insert({l->from, l->to});
  std::map<std::string, std::size_t> index;
  for (const auto& code : codes) {
    index[code] = g.nodes.size();
    Node n{causes[code], code, 0, 0, 0, 0, wrap_whole(causes[code]->title, node_w - 20, k_title_size)};
    n.h = 50 + k_line_h * static_cast<double>(std::max<std::size_t>(n.lines.size(), 2) - 2);
    g.nodes.push_back(std::move(n));
  }
  for (const auto* l : links) g.edges.push_back(Edge{index[l->from], index[l->to], l, false, {}});
  mark_back_edges(g);
  assign_layers(g);
  order_layers(g);
  return g;
}

void position(Layout& g, Frame& frame) {
  frame.plot_h = 0;
  for (const auto& layer : g.layers) {
    double h = 0;
    for (std::size_t v : layer) h += slot(g.nodes[v]);
    frame.plot_h = std::max(frame.plot_h, h);
  }
  std::size_t backs = 0;
  bool into_first = false, out_of_last = false;
  for (const auto& e : g.edges)
    if (e.back) {
      backs += 1;
      into_first = into_first || g.nodes[e.to].layer == 0;
      out_of_last = out_of_last || g.nodes[e.from].layer + 1 == static_cast<int>(g.layers.size());
    }
  frame.loop_room = backs ? k_lane * static_cast<double>(backs) + 12 : 0;
  frame.left = into_first ? k_loop_margin : 2;
  frame.right_room = out_of_last ? k_loop_margin : 0;
  for (auto& n : g.nodes) {
    n.x = frame.left + frame.column() * n.layer;
    n.y += frame.top + frame.plot_h / 2;  // from centred on 0 to the drawing
  }
}

double width_of(const Layout& g, const Frame& frame) {
  return frame.left + frame.column() * static_cast<double>(g.layers.size() - 1) + frame.node_w + 4 + frame.right_room;
}

}  // namespace esc::graph_svg
