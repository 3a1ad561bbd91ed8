// XML text and attribute escaping shared by JUnit, GraphML and the SVG charts.
#include "esc/render/xml_escape.hpp"

#include <cstdint>

namespace esc {

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        case '\n':
          out += "&#10;";
          break;
        case '\r':
          out += "&#13;";
          break;
        case '\t':
          out += "&#9;";
          break;
        default:
          if (c >= 0x20 && c != 0x7F) out += static_cast<char>(c);  // XML 1.0 forbids other controls
      }
      ++i;
      continue;
    }
    std::size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    std::uint32_t code = length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    bool ok = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      ok = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    static const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && code >= minimum[length] && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    if (ok && code != 0xFFFE && code != 0xFFFF) {
      out.append(text.substr(i, length));
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD: for a noncharacter XML forbids, or each byte of broken UTF-8
    }
    i += ok ? length : 1;
  }
  return out;
}

}  // namespace esc
