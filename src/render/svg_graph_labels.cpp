// The cause graph's edges as curves, and a free place on each for its label.
#include <algorithm>
#include <numeric>

#include "svg_graph_layout.hpp"

namespace esc::graph_svg {

namespace {

constexpr double k_label_size = 11;

Piece curve(Point from, Point to) {
  double mx = (from.x + to.x) / 2;
  return Piece{from, {mx, from.y}, {mx, to.y}, to, false};
}

Piece straight(Point from, Point to) {
  return Piece{from,
               {from.x + (to.x - from.x) / 3, from.y + (to.y - from.y) / 3},
               {from.x + 2 * (to.x - from.x) / 3, from.y + 2 * (to.y - from.y) / 3},
               to,
               true};
}

// A rounded corner from `from` to `to` around `corner` (a quadratic curve as a cubic).
Piece corner(Point from, Point corner, Point to) {
  return Piece{from,
               {from.x + 2 * (corner.x - from.x) / 3, from.y + 2 * (corner.y - from.y) / 3},
               {to.x + 2 * (corner.x - to.x) / 3, to.y + 2 * (corner.y - to.y) / 3},
               to,
               false};
}

// Down the gap right of `a`, left along lane `lane`, up the gap left of `b`, with rounded corners.
std::vector<Piece> loop_pieces(const Node& a, const Node& b, std::size_t lane, const Frame& frame) {
  const double r = 6, shift = 5 * static_cast<double>(lane % 4);
  double low = frame.top + frame.plot_h + 14 + k_lane * static_cast<double>(lane);
  double xr = a.x + frame.node_w + 10 + shift, xl = b.x - 10 - shift;
  return {straight({a.x + frame.node_w, a.y}, {xr - r, a.y}),
          corner({xr - r, a.y}, {xr, a.y}, {xr, a.y + r}),
          straight({xr, a.y + r}, {xr, low - r}),
          corner({xr, low - r}, {xr, low}, {xr - r, low}),
          straight({xr - r, low}, {xl + r, low}),
          corner({xl + r, low}, {xl, low}, {xl, low - r}),
          straight({xl, low - r}, {xl, b.y + r}),
          corner({xl, b.y + r}, {xl, b.y}, {xl + r, b.y}),
          straight({xl + r, b.y}, {b.x, b.y})};
}

}  // namespace

std::vector<Piece> pieces_of(const Layout& g, const Edge& e, const Frame& frame) {
  const Node &a = g.nodes[e.from], &b = g.nodes[e.to];
  if (e.back) {
    std::size_t lane = 0;
    for (const auto& other : g.edges) {
      if (&other == &e) break;
      lane += other.back ? 1 : 0;
    }
    return loop_pieces(a, b, lane, frame);
  }
  Point start{a.x + frame.node_w, a.y};
  std::vector<Piece> pieces;
  for (std::size_t dummy : e.route) {
    const Node& n = g.nodes[dummy];
    pieces.push_back(curve(start, {n.x, n.y}));
    pieces.push_back(straight({n.x, n.y}, {n.x + frame.node_w, n.y}));
    start = {n.x + frame.node_w, n.y};
  }
  pieces.push_back(curve(start, {b.x, b.y}));
  return pieces;
}

std::vector<Piece> label_pieces(const Layout& g, const Edge& e, const Frame& frame) {
  auto pieces = pieces_of(g, e, frame);
  if (e.back)
    std::rotate(pieces.begin(), pieces.begin() + 4, pieces.begin() + 5);  // the run along the lane first
  else
    std::stable_partition(pieces.begin(), pieces.end(), [](const Piece& p) { return !p.line; });
  return pieces;
}

Point at(const Piece& p, double t) {
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return {a * p.p0.x + b * p.c1.x + c * p.c2.x + d * p.p1.x, a * p.p0.y + b * p.c1.y + c * p.c2.y + d * p.p1.y};
}

Box label_box(const std::string& text, Point centre) {
  double w = bold_width(text, k_label_size) + 3;  // and the white halo
  return Box{centre.x - w / 2, centre.y - k_label_h / 2, w, k_label_h};
}

Box node_box(const Node& n, const Frame& frame) {
  return Box{n.x, n.y - n.h / 2, frame.node_w, n.h};
}

bool overlaps(const Box& a, const Box& b, double margin) {
  return a.x - margin < b.x + b.w && b.x - margin < a.x + a.w && a.y - margin < b.y + b.h && b.y - margin < a.y + a.h;
}

std::optional<std::vector<Point>> place_labels(const Layout& g, const Frame& frame) {
  std::vector<Box> taken;
  for (const auto& n : g.nodes)
    if (n.cause) taken.push_back(node_box(n, frame));
  std::vector<std::size_t> order(g.edges.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const LinkStat &x = *g.edges[a].link, &y = *g.edges[b].link;
    return x.accounts != y.accounts ? x.accounts > y.accounts : x.cases > y.cases;
  });
  // From the middle of each piece outwards, the pieces in label_pieces order.
  std::vector<double> ts;
  for (int step = 0; step <= 20; ++step) ts.push_back(0.5 + (step % 2 ? 1 : -1) * 0.04 * ((step + 1) / 2));
  std::vector<Point> centres(g.edges.size());
  for (std::size_t e : order) {
    std::string text = std::to_string(g.edges[e].link->accounts);
    auto pieces = label_pieces(g, g.edges[e], frame);
    bool found = false;
    for (std::size_t p = 0; p < pieces.size() && !found; ++p)
      for (double t : ts) {
        Point c = at(pieces[p], t);
        Box box = label_box(text, c);
        if (std::none_of(taken.begin(), taken.end(), [&](const Box& other) { return overlaps(box, other); })) {
          centres[e] = c;
          taken.push_back(box);
          found = true;
          break;
        }
      }
    if (!found) return std::nullopt;
  }
  return centres;
}

}  // namespace esc::graph_svg
