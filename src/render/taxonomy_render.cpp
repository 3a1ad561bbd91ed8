#include "esc/render/taxonomy_render.hpp"

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "esc/author/yaml_emit.hpp"

namespace esc {
namespace {

const TaxonomyEntry& at(const Taxonomy& t, int index) {
  return t.entries()[static_cast<std::size_t>(index)];
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::vector<const TaxonomyEntry*> categories(const Taxonomy& t) {
  std::vector<const TaxonomyEntry*> out;
  for (const auto& e : t.entries())
    if (e.parent < 0) out.push_back(&e);
  return out;
}

}  // namespace

void render_taxonomy_tree(std::ostream& out, const Taxonomy& taxonomy, const Style& style) {
  std::function<void(const TaxonomyEntry&, std::size_t)> entry = [&](const TaxonomyEntry& e, std::size_t depth) {
    std::string indent(2 * depth, ' ');
    std::string head = e.code + "  " + e.title;
    out << indent << (depth == 0 ? style.bold(head) : style.cyan(e.code) + "  " + e.title) << "  "
        << style.dim("[" + e.owner + "]") << '\n';
    if (!e.question.empty()) out << indent << "    " << e.question << '\n';
    if (!e.aliases.empty()) out << indent << "    " << style.dim("formerly: " + join(e.aliases, ", ")) << '\n';
    for (int child : e.children) entry(at(taxonomy, child), depth + 1);
  };
  bool first = true;
  for (const TaxonomyEntry* category : categories(taxonomy)) {
    if (!first) out << '\n';
    first = false;
    entry(*category, 0);
  }
  std::vector<std::string> departments;
  for (const auto& d : taxonomy.departments()) departments.push_back(d.id + " (" + d.title + ")");
  out << '\n' << style.bold("Departments:") << ' ' << join(departments, ", ") << '\n';
}

void render_taxonomy_markdown(std::ostream& out, const Taxonomy& taxonomy) {
  out << "# Cause taxonomy\n\n";
  out << "| Department | Title |\n|---|---|\n";
  for (const auto& d : taxonomy.departments()) out << "| `" << d.id << "` | " << markdown_cell(d.title) << " |\n";
  for (const TaxonomyEntry* category : categories(taxonomy)) {
    out << "\n## " << markdown_cell(category->title) << " (`" << category->code << "`)\n\n";
    out << "Owner: `" << category->owner << "`.";
    if (!category->question.empty()) out << ' ' << markdown_cell(category->question);
    out << "\n";
    if (category->children.empty()) continue;
    out << "\n| Code | Cause | Owner | Question |\n|---|---|---|---|\n";
    std::function<void(int)> row = [&](int index) {
      const TaxonomyEntry& e = at(taxonomy, index);
      std::string code = "`" + e.code + "`";
      for (const auto& alias : e.aliases) code += " (formerly `" + alias + "`)";
      out << "| " << code << " | " << markdown_cell(e.title) << " | `" << e.owner << "` | " << markdown_cell(e.question)
          << " |\n";
      for (int child : e.children) row(child);
    };
    for (int child : category->children) row(child);
  }
}

void render_taxonomy_codes(std::ostream& out, const Taxonomy& taxonomy) {
  for (const auto& e : taxonomy.entries()) out << e.code << '\n';
}

void render_taxonomy_json(std::ostream& out, const Taxonomy& taxonomy) {
  using nlohmann::ordered_json;
  std::function<ordered_json(const TaxonomyEntry&)> cause = [&](const TaxonomyEntry& e) {
    ordered_json j;
    j["code"] = e.code;
    j["title"] = e.title;
    j["owner"] = e.owner;
    j["question"] = e.question;
    j["aliases"] = e.aliases;
    j["children"] = ordered_json::array();
    for (int child : e.children) j["children"].push_back(cause(at(taxonomy, child)));
    return j;
  };
  ordered_json root;
  root["version"] = 1;
  root["departments"] = ordered_json::array();
  for (const auto& d : taxonomy.departments()) root["departments"].push_back({{"id", d.id}, {"title", d.title}});
  root["causes"] = ordered_json::array();
  for (const TaxonomyEntry* category : categories(taxonomy)) root["causes"].push_back(cause(*category));
  out << root.dump(2) << '\n';
}

void render_taxonomy_yaml(std::ostream& out, const Taxonomy& taxonomy) {
  out << "version: 1\n\ndepartments:\n";
  for (const auto& d : taxonomy.departments())
    out << "  - {id: " << yaml_flow_scalar(d.id) << ", title: " << yaml_flow_scalar(d.title) << "}\n";
  out << "\ncauses:\n";
  std::function<void(const TaxonomyEntry&, std::size_t)> entry = [&](const TaxonomyEntry& e, std::size_t indent) {
    std::string pad(indent, ' ');
    out << pad << "- code: " << yaml_scalar(e.code) << '\n';
    out << pad << "  title: " << yaml_scalar(e.title) << '\n';
    if (e.parent < 0 || at(taxonomy, e.parent).owner != e.owner)
      out << pad << "  owner: " << yaml_scalar(e.owner) << '\n';
    if (!e.question.empty()) out << pad << "  question: " << yaml_scalar(e.question) << '\n';
    if (!e.aliases.empty()) out << pad << "  aliases: " << yaml_flow_list(e.aliases) << '\n';
    if (e.children.empty()) return;
    out << pad << "  children:\n";
    for (int child : e.children) entry(at(taxonomy, child), indent + 4);
  };
  for (const TaxonomyEntry* category : categories(taxonomy)) entry(*category, 2);
}

}  // namespace esc
