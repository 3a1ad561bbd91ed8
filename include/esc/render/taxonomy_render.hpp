#pragma once
#include <ostream>

#include "esc/model/taxonomy.hpp"
#include "esc/render/style.hpp"

namespace esc {

/// The taxonomy as an indented tree: every code with its title, owner,
/// question and aliases; the departments last. Category lines are styled.
void render_taxonomy_tree(std::ostream& out, const Taxonomy& taxonomy, const Style& style);

/// Markdown: the departments, then one table per top-level category.
void render_taxonomy_markdown(std::ostream& out, const Taxonomy& taxonomy);

/// Every code, one per line, in taxonomy order (aliases left out): for shell completion.
void render_taxonomy_codes(std::ostream& out, const Taxonomy& taxonomy);

/// `{"version": 1, "departments": [...], "causes": [...]}` with nested children,
/// each cause's owner resolved; pretty-printed.
void render_taxonomy_json(std::ostream& out, const Taxonomy& taxonomy);

/// A canonical taxonomy file (SPEC 3 format) that reads back as the same
/// taxonomy: owners only where they differ from the parent's.
void render_taxonomy_yaml(std::ostream& out, const Taxonomy& taxonomy);

}  // namespace esc
