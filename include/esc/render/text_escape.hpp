#pragma once
#include <string>
#include <string_view>

namespace esc {

/// User text made safe for a terminal or a CI log line: C0 controls and DEL
/// become `\n`, `\t`, `\x1b`..., C1 controls, the Unicode line and paragraph
/// separators and the bidirectional overrides become `\u0085`..., invalid
/// UTF-8 bytes `\xff`. Everything else is kept.
std::string escape_text(std::string_view text);

/// A line that a CI runner would read as a workflow command (`::name ...`,
/// possibly after leading white space) gets a `\` before its `::`; any other
/// line is returned unchanged.
std::string neutralize_command(std::string line);

}  // namespace esc
