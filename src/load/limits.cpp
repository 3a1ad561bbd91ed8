#include "esc/load/limits.hpp"

#include <cctype>

namespace esc {

bool parse_byte_size(const std::string& text, std::size_t& out) {
  std::size_t i = 0;
  unsigned long long value = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    value = value * 10 + static_cast<unsigned>(text[i++] - '0');
    if (value > (1ull << 40)) return false;
  }
  if (i == 0) return false;
  std::string unit = text.substr(i);
  for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  unsigned long long scale = 1;
  if (unit.empty() || unit == "b") scale = 1;
  else if (unit == "k" || unit == "kb" || unit == "kib") scale = 1024;
  else if (unit == "m" || unit == "mb" || unit == "mib") scale = 1024 * 1024;
  else if (unit == "g" || unit == "gb" || unit == "gib") scale = 1024ull * 1024 * 1024;
  else return false;
  out = static_cast<std::size_t>(value * scale);
  return true;
}

}  // namespace esc
