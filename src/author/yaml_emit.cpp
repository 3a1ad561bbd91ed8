#include "esc/author/yaml_emit.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace esc {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words some YAML reader takes for null or a boolean (YAML 1.1 and 1.2).
bool is_reserved_word(std::string_view value) {
  static const char* const words[] = {"~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<"};
  std::string l = lower(value);
  return std::any_of(std::begin(words), std::end(words), [&](const char* w) { return l == w; });
}

bool needs_quotes(std::string_view value, bool in_flow) {
  if (value.empty() || is_reserved_word(value) || looks_like_yaml_number(value)) return true;
  unsigned char first = static_cast<unsigned char>(value.front());
  unsigned char last = static_cast<unsigned char>(value.back());
  if (std::isspace(first) || std::isspace(last)) return true;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(static_cast<char>(first)) != std::string_view::npos) return true;
  if (last == ':') return true;
  if (value.find(": ") != std::string_view::npos || value.find(" #") != std::string_view::npos) return true;
  if (value.find(":\t") != std::string_view::npos || value.find("\t#") != std::string_view::npos) return true;
  if (in_flow && value.find_first_of(",[]{}") != std::string_view::npos) return true;
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  // U+0085, U+2028, U+2029 are line breaks for YAML 1.1 readers.
  if (value.find("\xC2\x85") != std::string_view::npos || value.find("\xE2\x80\xA8") != std::string_view::npos ||
      value.find("\xE2\x80\xA9") != std::string_view::npos)
    return true;
  return false;
}

std::string double_quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7F)
          out += fmt::format("\\x{:02X}", u);
        else
          out += c;
    }
  }
  out += '"';
  return out;
}

bool all_of_class(std::string_view s, int (*predicate)(int)) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [&](char c) { return predicate(static_cast<unsigned char>(c)); });
}

}  // namespace

bool looks_like_yaml_number(std::string_view value) {
  std::string l = lower(value);
  std::string_view s = l;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  if (s == ".inf" || s == ".nan" || l == ".nan") return true;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) return true;
  // Decimal with optional `_` separators (YAML 1.1), fraction and exponent; also 1:30 sexagesimal.
  std::string digits;
  for (char c : s)
    if (c != '_') digits += c;
  std::string_view d = digits;
  if (d.find(':') != std::string_view::npos) {
    bool ok = true;
    for (char c : d) ok = ok && (std::isdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.');
    return ok && std::isdigit(static_cast<unsigned char>(d.front()));
  }
  std::size_t e = d.find('e');
  std::string_view mantissa = d.substr(0, e);
  if (e != std::string_view::npos) {
    std::string_view exponent = d.substr(e + 1);
    if (!exponent.empty() && (exponent.front() == '+' || exponent.front() == '-')) exponent.remove_prefix(1);
    if (!all_of_class(exponent, ::isdigit)) return false;
  }
  std::size_t dot = mantissa.find('.');
  std::string_view whole = mantissa.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : mantissa.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  return (whole.empty() || all_of_class(whole, ::isdigit)) && (fraction.empty() || all_of_class(fraction, ::isdigit));
}

std::string yaml_scalar(std::string_view value) {
  return needs_quotes(value, false) ? double_quoted(value) : std::string(value);
}

std::string yaml_flow_scalar(std::string_view value) {
  return needs_quotes(value, true) ? double_quoted(value) : std::string(value);
}

std::string yaml_flow_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + yaml_flow_scalar(values[i]);
  return out + "]";
}

}  // namespace esc
