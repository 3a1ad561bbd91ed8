#pragma once
#include <ostream>

#include "esc/model/taxonomy.hpp"

namespace esc {

/// A JSON Schema (draft-07) of `autopsy/v1` case files for editors
/// (yaml-language-server): the taxonomy's cause codes and department ids as
/// enums with their titles as descriptions, pretty-printed.
void render_case_schema(std::ostream& out, const Taxonomy& taxonomy);

}  // namespace esc
