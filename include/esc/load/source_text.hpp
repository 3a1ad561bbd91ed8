#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "esc/load/limits.hpp"
#include "esc/model/diagnostic.hpp"

namespace esc {

/// The bytes of one input file, checked to be UTF-8 text, with a line index.
class SourceText {
 public:
  SourceText(std::string path, std::string text);

  const std::string& path() const { return m_path; }
  const std::string& text() const { return m_text; }
  /// The 1-based line and column (in code points) of a byte offset.
  SourceMark mark_at(std::size_t offset) const;
  /// The same, trying the 0-based line `line_hint` first (the parser's count).
  SourceMark mark_at(std::size_t offset, std::size_t line_hint) const;
  /// The number of lines (a final line break starts an empty last line).
  std::size_t line_count() const { return m_line_starts.size(); }
  /// The text of a 1-based line without its line break; empty when out of range.
  std::string_view line(std::uint32_t number) const;

 private:
  std::string m_path;
  std::string m_text;
  std::vector<std::size_t> m_line_starts;
};

/// Checks that `bytes` is UTF-8 text without control characters; strips a
/// UTF-8 byte-order mark. On failure adds a `bad-encoding` diagnostic for `path`.
bool check_encoding(std::string& bytes, const std::string& path, std::vector<Diagnostic>& out);

/// The Unicode name of a bidi formatting character (U+202A..U+202E,
/// U+2066..U+2069: embeddings, overrides, isolates and their pops), or empty.
std::string_view bidi_control_name(std::uint32_t code);

/// Adds a `bad-encoding` warning for each line of `source` holding a bidi
/// formatting character, at the first one, naming it; lines past `limit`
/// findings are counted in the last finding's message instead.
void check_bidi_controls(const SourceText& source, std::size_t limit, std::vector<Diagnostic>& out);

/// Reads a file (or standard input when `path` is "-") within `limits`,
/// checking its encoding; adds `io-error`, `input-limit` or `bad-encoding` and
/// returns nullopt when it cannot be used.
std::optional<SourceText> read_source(const std::string& path, const LoadLimits& limits, std::vector<Diagnostic>& out);

/// The name diagnostics use for standard input.
inline constexpr std::string_view k_stdin_name = "<stdin>";

}  // namespace esc
