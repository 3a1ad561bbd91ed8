// Escaping of user text for human formats: nothing a case file says may move
// the cursor, reorder the line or be taken for a workflow command.
#include "esc/render/text_escape.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace esc {
namespace {

// The length of the UTF-8 sequence at `i` and its code point; 0 when invalid.
std::size_t decode(std::string_view text, std::size_t i, std::uint32_t& code) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  code = length == 1 ? c : length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
  for (std::size_t k = 1; k < length; ++k) {
    unsigned char next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  static const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < minimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

bool is_invisible_control(std::uint32_t code) {
  return (code >= 0x80 && code <= 0x9F) || code == 0x2028 || code == 0x2029 || (code >= 0x202A && code <= 0x202E) ||
         (code >= 0x2066 && code <= 0x2069) || code == 0xFEFF;
}

// White space that .NET's TrimStart removes (the GitHub runner trims lines with it).
bool is_white(std::uint32_t code) {
  return code == ' ' || (code >= 0x09 && code <= 0x0D) || code == 0x85 || code == 0xA0 || code == 0x1680 ||
         (code >= 0x2000 && code <= 0x200A) || code == 0x2028 || code == 0x2029 || code == 0x202F || code == 0x205F ||
         code == 0x3000;
}

}  // namespace

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t code = 0;
    std::size_t length = decode(text, i, code);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (code == '\n')
      out += "\\n";
    else if (code == '\r')
      out += "\\r";
    else if (code == '\t')
      out += "\\t";
    else if (code < 0x20 || code == 0x7F)
      out += fmt::format("\\x{:02x}", code);
    else if (is_invisible_control(code))
      out += fmt::format("\\u{:04x}", code);
    else
      out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string neutralize_command(std::string line) {
  std::size_t i = 0;
  while (i < line.size()) {
    std::uint32_t code = 0;
    std::size_t length = decode(line, i, code);
    if (length == 0 || !is_white(code)) break;
    i += length;
  }
  if (line.compare(i, 2, "::") == 0) line.insert(i, "\\");
  return line;
}

}  // namespace esc
