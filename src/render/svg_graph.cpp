// The cause graph as a layered drawing, roots on the left, symptoms on the right.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "esc/render/findings.hpp"
#include "svg.hpp"

namespace esc {
namespace {

constexpr std::size_t k_max_nodes = 30;  // above this, only recurring links are drawn

struct Node {
  const CauseStat* cause = nullptr;  // nullptr for a dummy: a bend point of a long edge
  std::string code;
  int layer = 0;
  double y = 0;  // centre, recomputed after each ordering sweep
  double x = 0;
};

struct Edge {
  std::size_t from = 0, to = 0;
  const LinkStat* link = nullptr;
  bool back = false;               // closes a loop; drawn dashed and ignored for layering
  std::vector<std::size_t> route;  // dummies in the layers between from and to
};

struct Layout {
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<std::vector<std::size_t>> layers;
  std::vector<std::pair<std::size_t, std::size_t>> segments;  // between neighbouring layers
};

constexpr double k_node_h = 50, k_node_slot = 64, k_dummy_slot = 18;

std::vector<const LinkStat*> drawn_links(const Report& report) {
  std::vector<const LinkStat*> all, recurring;
  std::set<std::string> codes;
  for (const auto& l : report.links) {
    all.push_back(&l);
    codes.insert(l.from);
    codes.insert(l.to);
    if (l.accounts >= report.options.min_accounts) recurring.push_back(&l);
  }
  return codes.size() > k_max_nodes ? recurring : all;
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
      g.nodes.push_back(Node{nullptr, "", l, 0, 0});
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

double slot(const Node& n) {
  return n.cause ? k_node_slot : k_dummy_slot;
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

Layout layout_of(const Report& report) {
  Layout g;
  std::map<std::string, std::size_t> index;
  std::map<std::string, const CauseStat*> causes;
  for (const auto& c : report.causes) causes[c.code] = &c;
  auto links = drawn_links(report);
  std::set<std::string> codes;
  for (const auto* l : links)
    if (causes.count(l->from) && causes.count(l->to)) codes.insert({l->from, l->to});
  for (const auto& code : codes) {
    index[code] = g.nodes.size();
    g.nodes.push_back(Node{causes[code], code, 0, 0, 0});
  }
  for (const auto* l : links)
    if (index.count(l->from) && index.count(l->to)) g.edges.push_back(Edge{index[l->from], index[l->to], l, false, {}});
  mark_back_edges(g);
  assign_layers(g);
  order_layers(g);
  return g;
}

}  // namespace

std::string svg_cause_graph(const Report& report) {
  Layout g = layout_of(report);
  if (g.edges.empty()) return "";
  svg::Palette palette(report);
  const double node_w = 200, column = 262, top = 10, left = 2, title_size = 12;
  double plot_h = 0;
  for (const auto& layer : g.layers) {
    double h = 0;
    for (std::size_t v : layer) h += slot(g.nodes[v]);
    plot_h = std::max(plot_h, h);
  }
  for (auto& n : g.nodes) {
    n.x = left + column * n.layer;
    n.y += top + plot_h / 2;  // from centred on 0 to the drawing
  }
  std::size_t max_accounts = 1;
  bool any_back = false;
  for (const auto& e : g.edges) {
    max_accounts = std::max(max_accounts, e.link->accounts);
    any_back = any_back || e.back;
  }
  double width = left + column * static_cast<double>(g.layers.size() - 1) + node_w + 4;
  double loop_room = any_back ? 60 : 0;
  std::vector<std::string> categories;
  for (const auto& n : g.nodes)
    if (n.cause) categories.push_back(n.cause->category);
  std::sort(categories.begin(), categories.end());
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  std::vector<std::pair<std::string, std::string>> legend_items;
  for (const auto& c : categories) legend_items.push_back({palette.color(c), palette.title(c)});
  svg::Writer scratch(0, 0, "", "");
  double legend_h = svg::legend(scratch, legend_items, 0, 0, width);
  std::size_t real = 0;
  for (const auto& n : g.nodes) real += n.cause ? 1 : 0;
  svg::Writer out(width, top + plot_h + loop_room + 34 + legend_h, "Cause graph: which causes led to which",
                  fmt::format("{} causes and {} links; each cause on the left led to the one on the right in at "
                              "least one case; line width is the number of accounts where that happened.",
                              real, g.edges.size()));
  auto curve = [](double x1, double y1, double x2, double y2) {
    double mx = (x1 + x2) / 2;
    return fmt::format("C{} {} {} {} {} {}", svg::num(mx), svg::num(y1), svg::num(mx), svg::num(y2), svg::num(x2),
                       svg::num(y2));
  };
  for (const auto& e : g.edges) {
    const Node &a = g.nodes[e.from], &b = g.nodes[e.to];
    double stroke = 1.5 + 8.0 * static_cast<double>(e.link->accounts) / static_cast<double>(max_accounts);
    double x = a.x + node_w, y = a.y, label_x = 0, label_y = 0;
    std::string d = fmt::format("M{} {}", svg::num(x), svg::num(y));
    if (e.back) {
      double low = top + plot_h + loop_room - 12;
      d += fmt::format("C{} {} {} {} {} {}", svg::num(x + 60), svg::num(low), svg::num(b.x - 60), svg::num(low),
                       svg::num(b.x), svg::num(b.y));
      label_x = (x + b.x) / 2;
      label_y = low - 8;
    } else {
      // The label sits in the middle of the first bend, next to the cause it starts from.
      double first_x = e.route.empty() ? b.x : g.nodes[e.route.front()].x;
      double first_y = e.route.empty() ? b.y : g.nodes[e.route.front()].y;
      label_x = (x + first_x) / 2;
      label_y = (y + first_y) / 2;
      for (std::size_t dummy : e.route) {
        const Node& n = g.nodes[dummy];
        d += curve(x, y, n.x, n.y) + fmt::format("L{} {}", svg::num(n.x + node_w), svg::num(n.y));
        x = n.x + node_w;
        y = n.y;
      }
      d += curve(x, y, b.x, b.y);
    }
    out.raw("<g>");
    out.tooltip(fmt::format("{} led to {}: {}, {}{}", a.code, b.code, count_of(e.link->accounts, "account"),
                            count_of(e.link->cases, "case"), e.back ? " (closes a loop)" : ""));
    out.raw(fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-opacity=\"0.45\"{}/>", d,
                        e.back ? svg::k_alert : "#52606d", svg::num(stroke),
                        e.back ? " stroke-dasharray=\"6 4\"" : ""));
    out.text(label_x, label_y + 4, std::to_string(e.link->accounts), 11, "middle",
             "font-weight=\"700\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"");
    out.raw("</g>");
  }
  for (const auto& n : g.nodes) {
    if (!n.cause) continue;
    const std::string& category = n.cause->category;
    double y = n.y - k_node_h / 2;
    out.raw("<g>");
    out.tooltip(fmt::format("{} ({}): {}, {}", n.cause->title, n.code, count_of(n.cause->accounts, "account"),
                            count_of(n.cause->cases, "case")));
    out.rect(n.x, y, node_w, k_node_h, palette.tint(category),
             "rx=\"6\" stroke=\"" + palette.color(category) + "\" stroke-width=\"1.5\"");
    out.rect(n.x, y, 5, k_node_h, palette.color(category), "rx=\"2\"");
    auto lines = svg::wrap(n.cause->title, (node_w - 20) / 1.08, title_size, 2);  // bold runs wider
    double line_y = y + (lines.size() == 1 ? 20 : 16);
    for (const auto& line : lines) {
      out.text(n.x + 12, line_y, line, title_size, "start", "font-weight=\"600\"");
      line_y += 14;
    }
    out.text(n.x + 12, y + k_node_h - 6,
             count_of(n.cause->accounts, "account") + " · " + count_of(n.cause->cases, "case"), 10.5, "start",
             "fill=\"" + svg::k_muted + "\"");
    out.raw("</g>");
  }
  double y = top + plot_h + loop_room + 16;
  out.text(0, y,
           any_back ? "Each cause on the left led to the one on the right; numbers and line width: accounts; dashed: "
                      "a loop back."
                    : "Each cause on the left led to the one on the right; numbers and line width: accounts.",
           12, "start", "fill=\"" + svg::k_muted + "\"");
  svg::legend(out, legend_items, 0, y + 10, width);
  return out.finish();
}

}  // namespace esc
