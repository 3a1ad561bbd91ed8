// `graph` in each format, opened by a real consumer where one is installed.
#include <cstdlib>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

namespace {

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

std::string write_graph(const std::string& format, const std::string& extra = "") {
  std::string path = e2e::temp_dir() + "/graph." + format;
  std::vector<std::string> args = {"graph", "--format", format, "-o", path, "examples/cases"};
  if (!extra.empty()) args.insert(args.begin() + 3, {"--min-accounts", extra});
  auto r = e2e::run(args);
  REQUIRE(r.exit_code == 0);
  return path;
}

}  // namespace

TEST_CASE("graph json lists every cited code and the aggregated edges") {
  auto r = e2e::run({"graph", "--format", "json", "examples/cases"});
  REQUIRE(r.exit_code == 0);
  auto graph = nlohmann::json::parse(r.out);
  CHECK(graph["schema"] == "esc-autopsy/graph/v1");
  auto report = nlohmann::json::parse(e2e::run({"report", "--format", "json", "examples/cases"}).out);
  CHECK(graph["nodes"].size() == report["causes"].size());
  CHECK(graph["edges"].size() == report["links"].size());
  bool found = false;
  for (const auto& e : graph["edges"])
    if (e["from"] == "bad-sale.wrong-solution" && e["to"] == "rushed-onboarding.too-high-level") {
      found = true;
      CHECK(e["accounts"] == 6);
    }
  CHECK(found);
}

TEST_CASE("graph --min-accounts prunes edges below the threshold and their lone nodes") {
  auto all = nlohmann::json::parse(e2e::run({"graph", "--format", "json", "examples/cases"}).out);
  auto pruned =
      nlohmann::json::parse(e2e::run({"graph", "--format", "json", "--min-accounts", "2", "examples/cases"}).out);
  CHECK(pruned["edges"].size() < all["edges"].size());
  CHECK(pruned["nodes"].size() < all["nodes"].size());
  for (const auto& e : pruned["edges"]) CHECK(e["accounts"].get<int>() >= 2);
}

TEST_CASE("graph dot renders with Graphviz") {
  std::string path = write_graph("dot");
  std::string text = e2e::read_file(path);
  CHECK(text.find("subgraph \"cluster_bad-sale\"") != std::string::npos);
  CHECK(text.find("label=\"Bad sale\"") != std::string::npos);
  if (!have("dot")) {
    MESSAGE("graphviz not installed; skipping dot -Tsvg");
    return;
  }
  std::string svg = path + ".svg";
  CHECK(std::system(("dot -Tsvg " + path + " -o " + svg).c_str()) == 0);
  CHECK(e2e::read_file(svg).find("<svg") != std::string::npos);
}

TEST_CASE("graph graphml is well-formed and networkx reads it") {
  std::string path = write_graph("graphml");
  if (have("xmllint")) CHECK(std::system(("xmllint --noout " + path).c_str()) == 0);
  if (std::system("python3 -c 'import networkx' >/dev/null 2>&1") != 0) {
    MESSAGE("python3-networkx not installed; skipping the networkx read");
    return;
  }
  std::string script =
      "import networkx as nx, sys; g = nx.read_graphml(sys.argv[1]); "
      "e = g['bad-sale.wrong-solution']['rushed-onboarding.too-high-level']; "
      "assert e['accounts'] == 6, e; assert g.nodes['bad-sale.wrong-solution']['category'] == 'bad-sale'";
  CHECK(std::system(("python3 -c \"" + script + "\" " + path).c_str()) == 0);
}

TEST_CASE("graph mermaid is a left-to-right flowchart with weighted edges") {
  auto r = e2e::run({"graph", "--format", "mermaid", "--min-accounts", "2", "examples/cases"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("flowchart LR\n", 0) == 0);
  // Node ids are positions; find each code's id by its label.
  auto id_of = [&](const std::string& code) {
    std::size_t label = r.out.find("<small>" + code + "</small>");
    REQUIRE(label != std::string::npos);
    std::size_t start = r.out.rfind('\n', label) + 1;
    std::size_t text = r.out.find_first_not_of(' ', start);
    return r.out.substr(text, r.out.find('[', text) - text);
  };
  CHECK(r.out.find(id_of("bad-sale.wrong-solution") + " -->|6| " + id_of("rushed-onboarding.too-high-level") + "\n") !=
        std::string::npos);
}

TEST_CASE("graph mermaid ids are distinct whatever the codes") {
  std::string dir = e2e::temp_dir();
  // Old ids: `a-b.c` and `a.b-c` were both n_a_b_c, and `x.group` was the id of category x's subgraph.
  e2e::write_file(dir + "/tax.yaml",
                  "version: 1\ndepartments: [{id: ops, title: Ops}]\ncauses:\n"
                  "  - {code: a, title: A, owner: ops, children: [{code: a.b-c, title: One}]}\n"
                  "  - {code: a-b, title: AB, owner: ops, children: [{code: a-b.c, title: Two}]}\n"
                  "  - {code: x, title: X, owner: ops, children: [{code: x.group, title: Three}]}\n");
  e2e::write_file(dir + "/cases/c.yaml",
                  "id: C-1\ntitle: t\naccount: {id: A}\nopened: 2024-01-01\noutcome: at-risk\ncauses:\n"
                  "  - {code: a.b-c, confidence: likely}\n  - {code: a-b.c, confidence: likely, caused_by: [a.b-c]}\n"
                  "  - {code: x.group, confidence: likely, caused_by: [a-b.c]}\n");
  auto r = e2e::run({"--taxonomy", "tax.yaml", "graph", "--format", "mermaid", "cases"}, "", dir);
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "flowchart LR\n"
        "  subgraph g0 [\"A\"]\n    n1[\"One<br/><small>a.b-c</small>\"]\n  end\n"
        "  subgraph g1 [\"AB\"]\n    n0[\"Two<br/><small>a-b.c</small>\"]\n  end\n"
        "  subgraph g2 [\"X\"]\n    n2[\"Three<br/><small>x.group</small>\"]\n  end\n"
        "  n0 -->|1| n2\n  n1 -->|1| n0\n");
}
