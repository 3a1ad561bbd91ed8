#pragma once
#include <cstdint>

namespace esc {

/// A 1-based position in a source file; line 0 means "no position".
struct SourceMark {
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  bool valid() const { return line > 0; }
};

inline bool operator==(SourceMark a, SourceMark b) { return a.line == b.line && a.column == b.column; }
inline bool operator<(SourceMark a, SourceMark b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

}  // namespace esc
