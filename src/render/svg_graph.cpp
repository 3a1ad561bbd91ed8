// The cause graph as a layered drawing, roots on the left, symptoms on the right.
// Above k_max_nodes causes or k_max_links links only the strongest links are
// drawn, and the drawing says so and where to get them all.
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "esc/render/findings.hpp"
#include "svg.hpp"
#include "svg_graph_layout.hpp"

namespace esc {
namespace {

using namespace graph_svg;

struct Drawing {
  Layout g;
  Frame frame;
  std::vector<Point> labels;
  std::size_t count = 0;  // links drawn: the strongest `count`
};

// Lays out the strongest `count` links with the narrowest gap between columns
// that leaves every label a free place; nullopt when none fits k_max_width
// (unless `any_width`).
std::optional<Drawing> try_layout(const Report& report, const std::vector<const LinkStat*>& ranked, std::size_t count,
                                  bool any_width) {
  std::vector<const LinkStat*> links(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(count));
  Frame frame;
  frame.node_w = std::max(frame.node_w, std::ceil(widest_word(report, links)) + 20);
  Layout base = layout_of(report, links, frame.node_w);
  for (int attempt = 0; attempt < 8; ++attempt, frame.gap += 24) {
    Layout g = base;
    position(g, frame);
    if (!any_width && width_of(g, frame) > k_max_width) return std::nullopt;
    if (auto labels = place_labels(g, frame)) return Drawing{std::move(g), frame, std::move(*labels), count};
  }
  return std::nullopt;
}

std::string path_of(const std::vector<Piece>& pieces) {
  std::string d = fmt::format("M{} {}", svg::num(pieces.front().p0.x), svg::num(pieces.front().p0.y));
  for (const auto& p : pieces) {
    if (p.line)
      d += fmt::format("L{} {}", svg::num(p.p1.x), svg::num(p.p1.y));
    else
      d += fmt::format("C{} {} {} {} {} {}", svg::num(p.c1.x), svg::num(p.c1.y), svg::num(p.c2.x), svg::num(p.c2.y),
                       svg::num(p.p1.x), svg::num(p.p1.y));
  }
  return d;
}

void draw_edges(svg::Writer& out, const Drawing& d) {
  std::size_t max_accounts = 1;
  for (const auto& e : d.g.edges) max_accounts = std::max(max_accounts, e.link->accounts);
  for (std::size_t i = 0; i < d.g.edges.size(); ++i) {
    const Edge& e = d.g.edges[i];
    double stroke = 1.5 + 8.0 * static_cast<double>(e.link->accounts) / static_cast<double>(max_accounts);
    out.raw("<g>");
    out.tooltip(fmt::format("{} led to {}: {}, {}{}", d.g.nodes[e.from].code, d.g.nodes[e.to].code,
                            count_of(e.link->accounts, "account"), count_of(e.link->cases, "case"),
                            e.back ? " (closes a loop)" : ""));
    out.raw(fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-opacity=\"0.45\"{}/>",
                        path_of(pieces_of(d.g, e, d.frame)), e.back ? svg::k_alert : "#52606d", svg::num(stroke),
                        e.back ? " stroke-dasharray=\"6 4\"" : ""));
    out.text(d.labels[i].x, d.labels[i].y + 4, std::to_string(e.link->accounts), 11, "middle",
             "font-weight=\"700\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"");
    out.raw("</g>");
  }
}

void draw_nodes(svg::Writer& out, const Drawing& d, const svg::Palette& palette) {
  for (const auto& n : d.g.nodes) {
    if (!n.cause) continue;
    const std::string& category = n.cause->category;
    Box box = node_box(n, d.frame);
    out.raw("<g>");
    out.tooltip(fmt::format("{} ({}): {}, {}", n.cause->title, n.code, count_of(n.cause->accounts, "account"),
                            count_of(n.cause->cases, "case")));
    out.rect(box.x, box.y, box.w, box.h, palette.tint(category),
             "rx=\"6\" stroke=\"" + palette.color(category) + "\" stroke-width=\"1.5\"");
    out.rect(box.x, box.y, 5, box.h, palette.color(category), "rx=\"2\"");
    double line_y = box.y + (n.lines.size() == 1 ? 20 : 16);
    for (const auto& line : n.lines) {
      out.text(box.x + 12, line_y, line, k_title_size, "start", "font-weight=\"600\"");
      line_y += k_line_h;
    }
    out.text(box.x + 12, box.y + box.h - 6,
             count_of(n.cause->accounts, "account") + " · " + count_of(n.cause->cases, "case"), 10.5, "start",
             "fill=\"" + svg::k_muted + "\"");
    out.raw("</g>");
  }
}

}  // namespace

std::string svg_cause_graph(const Report& report, const Taxonomy& taxonomy) {
  auto ranked = ranked_links(report);
  if (ranked.empty()) return "";
  std::optional<Drawing> chosen;
  for (std::size_t count = initial_count(ranked); count >= 1 && !chosen; --count)
    chosen = try_layout(report, ranked, count, false);
  if (!chosen) chosen = try_layout(report, ranked, 1, true);  // a title word too wide for two columns
  if (!chosen) return "";
  const Drawing& d = *chosen;
  const Frame& frame = d.frame;
  svg::Palette palette(taxonomy);
  double width = width_of(d.g, frame);
  bool any_back = frame.loop_room > 0;
  std::set<std::string> categories;
  std::size_t real = 0;
  for (const auto& n : d.g.nodes)
    if (n.cause) {
      categories.insert(n.cause->category);
      real += 1;
    }
  std::vector<std::pair<std::string, std::string>> legend_items;  // in taxonomy order, as in every chart
  for (const auto& c : palette.categories())
    if (categories.erase(c)) legend_items.push_back({palette.color(c), palette.title(c)});
  for (const auto& c : categories) legend_items.push_back({palette.color(c), c});  // not in the taxonomy
  svg::Writer scratch(0, 0, "", "");
  double legend_h = svg::legend(scratch, legend_items, 0, 0, width);
  std::vector<std::string> note;
  if (d.count < ranked.size()) {
    std::set<std::string> linked;
    for (const auto* l : ranked) linked.insert({l->from, l->to});
    note = wrap_whole(fmt::format("Only the strongest {} of {} links are drawn (by accounts), between {} of the {} "
                                  "linked causes. All links: esc-autopsy graph --format dot|mermaid|graphml|json, "
                                  "or esc-autopsy report --format csv --table links.",
                                  d.count, ranked.size(), real, linked.size()),
                      width, 12);
  }
  double plot_bottom = frame.top + frame.plot_h + frame.loop_room;
  auto caption = wrap_whole(any_back ? "Each cause on the left led to the one on the right; numbers and line width: "
                                       "accounts; dashed: a loop back."
                                     : "Each cause on the left led to the one on the right; numbers and line width: "
                                       "accounts.",
                            width, 12);
  double note_h = k_line_h * 1.2 * static_cast<double>(caption.size() - 1 + note.size());
  svg::Writer out(width, plot_bottom + 34 + note_h + legend_h, "Cause graph: which causes led to which",
                  fmt::format("{} causes and {} links{}; each cause on the left led to the one on the right in at "
                              "least one case; line width is the number of accounts where that happened.",
                              real, d.g.edges.size(),
                              note.empty() ? "" : fmt::format(" (the strongest of {} links)", ranked.size())));
  draw_edges(out, d);
  draw_nodes(out, d, palette);
  double y = plot_bottom + 16 - k_line_h * 1.2;
  for (const auto& line : caption) {
    y += k_line_h * 1.2;
    out.text(0, y, line, 12, "start", "fill=\"" + svg::k_muted + "\"");
  }
  for (const auto& line : note) {
    y += k_line_h * 1.2;
    out.text(0, y, line, 12, "start", "font-weight=\"600\"");
  }
  svg::legend(out, legend_items, 0, y + 10, width);
  return out.finish();
}

}  // namespace esc
