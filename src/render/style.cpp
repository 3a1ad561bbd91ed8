#include "esc/render/style.hpp"

#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace esc {

bool parse_color_mode(std::string_view text, ColorMode& out) {
  if (text == "auto") out = ColorMode::automatic;
  else if (text == "always") out = ColorMode::always;
  else if (text == "never") out = ColorMode::never;
  else return false;
  return true;
}

bool use_color(ColorMode mode, int fd) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(fd) == 1;
}

}  // namespace esc
