#pragma once
// Private to svg_graph*.cpp: which links the cause graph draws, the layered
// layout, the edges' curves and where their labels go.
#include <optional>
#include <string>
#include <vector>

#include "esc/analyze/report.hpp"

namespace esc::graph_svg {

// Above these the graph keeps only its strongest links.
constexpr std::size_t k_max_nodes = 18;
constexpr std::size_t k_max_links = 20;
// The report's content is at most 1,120 px wide (.page: 1,200 px less 2 x 40 px
// padding); a drawing at most this wide is never shown below 0.8x there (the
// issue's floor is 0.6x, 1,866 px: on generated sets that allowed seven
// columns at 0.62x for one or two links more than 0.8x allows).
constexpr double k_max_width = 1400;
constexpr double k_title_size = 12, k_line_h = 14, k_label_h = 14;
constexpr double k_lane = 16, k_loop_margin = 26;  // loops: lanes under the plot, room beside the columns

struct Node {
  const CauseStat* cause = nullptr;  // nullptr for a dummy: a bend point of a long edge
  std::string code;
  int layer = 0;
  double y = 0;  // centre, recomputed after each ordering sweep
  double x = 0;
  double h = 0;                    // box height (real nodes)
  std::vector<std::string> lines;  // the whole title, wrapped
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

struct Point {
  double x = 0, y = 0;
};

/// A cubic Bézier piece of an edge; a straight one has its controls on the line.
struct Piece {
  Point p0, c1, c2, p1;
  bool line = false;
};

/// An axis-aligned box: top-left corner and size.
struct Box {
  double x = 0, y = 0, w = 0, h = 0;
};

/// Where the columns go: node width, the gap between columns, margins.
struct Frame {
  double node_w = 200, gap = 62, top = 10, left = 2;
  double plot_h = 0;      // tallest layer
  double loop_room = 0;   // under the plot: one lane per edge that closes a loop
  double right_room = 0;  // right of the last column, for loops leaving it
  double column() const { return node_w + gap; }
};

/// The links both of whose causes are in the report, strongest first: by
/// accounts, then cases, then codes (so equal links keep one order).
std::vector<const LinkStat*> ranked_links(const Report& report);

/// How many of the strongest links to draw at most: the longest run from
/// the strongest that touches at most k_max_nodes causes and k_max_links links.
std::size_t initial_count(const std::vector<const LinkStat*>& ranked);

/// The width of `text` in bold at `size` px: never less than it takes in DejaVu Sans Bold.
double bold_width(const std::string& text, double size);

/// Splits a title into lines of at most `max_width` px (bold_width) on spaces,
/// never dropping a character (a word wider than a line gets a line of its own).
std::vector<std::string> wrap_whole(const std::string& text, double max_width, double size);

/// The widest single word of the linked causes' titles, in bold title px.
double widest_word(const Report& report, const std::vector<const LinkStat*>& links);

/// Layers (longest path from the roots, loops broken deterministically), dummy
/// nodes for long edges and an order that reduces crossings; each real node's
/// title is wrapped to `node_w` and sized. Node y is centred on 0.
Layout layout_of(const Report& report, const std::vector<const LinkStat*>& links, double node_w);

/// Sets the frame's plot height, loop lanes and margins and moves the nodes into the drawing.
void position(Layout& g, Frame& frame);

/// The drawing's width for this frame.
double width_of(const Layout& g, const Frame& frame);

/// The pieces of an edge's path, from the right side of its cause to the left
/// of the next. An edge that closes a loop runs down the gap right of its
/// cause, left along its own lane under the plot and up the gap left of the
/// cause it leads to.
std::vector<Piece> pieces_of(const Layout& g, const Edge& e, const Frame& frame);

/// The pieces of an edge in the order its label tries them: a forward edge's
/// curves, then its straight runs; a loop's run along its lane first.
std::vector<Piece> label_pieces(const Layout& g, const Edge& e, const Frame& frame);

/// The point at `t` in [0, 1] of a piece.
Point at(const Piece& piece, double t);

/// The box of an edge label (the account count) centred on `centre`.
Box label_box(const std::string& text, Point centre);

/// The box of a real node.
Box node_box(const Node& n, const Frame& frame);

/// True when the boxes, grown by `margin` on every side, overlap.
bool overlaps(const Box& a, const Box& b, double margin = 2);

/// A centre per edge for its label, touching no node box and no other label;
/// nullopt when some label finds no free place. Stronger links choose first.
std::optional<std::vector<Point>> place_labels(const Layout& g, const Frame& frame);

}  // namespace esc::graph_svg
