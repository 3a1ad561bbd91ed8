#pragma once
#include <string>
#include <string_view>

namespace esc {

/// When to colour output: the `--color` option.
enum class ColorMode { automatic, always, never };

/// Parses "auto", "always" or "never".
bool parse_color_mode(std::string_view text, ColorMode& out);

/// Whether to colour a stream: `always`/`never` win; `auto` colours a
/// terminal unless NO_COLOR is set (to anything non-empty) or TERM is "dumb".
bool use_color(ColorMode mode, int fd);

/// ANSI styling that is a no-op when colour is off.
class Style {
 public:
  explicit Style(bool enabled) : m_enabled(enabled) {}
  bool enabled() const { return m_enabled; }
  std::string bold(std::string_view s) const { return wrap("1", s); }
  std::string dim(std::string_view s) const { return wrap("2", s); }
  std::string red(std::string_view s) const { return wrap("1;31", s); }
  std::string yellow(std::string_view s) const { return wrap("1;33", s); }
  std::string green(std::string_view s) const { return wrap("1;32", s); }
  std::string cyan(std::string_view s) const { return wrap("36", s); }

 private:
  std::string wrap(const char* code, std::string_view s) const {
    if (!m_enabled) return std::string(s);
    return std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m";
  }
  bool m_enabled;
};

}  // namespace esc
