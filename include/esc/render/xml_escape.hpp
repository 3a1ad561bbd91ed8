#pragma once
#include <string>
#include <string_view>

namespace esc {

/// XML escaping for text and attributes (JUnit, GraphML, SVG): the five
/// specials as entities, tab and line ends as character references, invalid
/// UTF-8 and U+FFFE/U+FFFF as U+FFFD, other C0 controls and DEL dropped, so
/// one title cannot make a document unreadable.
std::string escape_xml(std::string_view text);

}  // namespace esc
