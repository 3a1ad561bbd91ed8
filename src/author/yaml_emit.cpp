// Everything the tool writes as YAML goes through yaml-cpp's YAML::Emitter
// (libyaml stays the reader).
#include "esc/author/yaml_emit.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include <yaml-cpp/yaml.h>

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

// Line breaks for YAML 1.1 readers (NEL, LS, PS) that yaml-cpp would write plain.
bool has_unicode_break(std::string_view value) {
  return value.find("\xC2\x85") != std::string_view::npos || value.find("\xE2\x80\xA8") != std::string_view::npos ||
         value.find("\xE2\x80\xA9") != std::string_view::npos;
}

// Bidirectional controls (U+061C, U+200E-F, U+202A-E, U+2066-9): written as
// escapes so that a reader of the file sees them.
bool has_bidi_control(std::string_view value) {
  for (const char* c : {"\xD8\x9C", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC",
                        "\xE2\x80\xAD", "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9"})
    if (value.find(c) != std::string_view::npos) return true;
  return false;
}

// One scalar written by yaml-cpp's emitter, in a flow sequence when `in_flow`.
// yaml-cpp quotes what its own reader would misread (indicators, `: `, ` #`,
// control characters, spaces at the ends); double quotes are forced for what
// other readers misread too: YAML 1.1 booleans and nulls, numbers, a leading
// `:`, and NEL/LS/PS (escaped, as are bidirectional controls).
std::string emit_scalar(std::string_view value, bool in_flow) {
  YAML::Emitter out;
  // yaml-cpp writes LS and PS raw even inside double quotes, where a reader folds them: escape them.
  bool escaped = has_bidi_control(value) || has_unicode_break(value);
  if (escaped) out.SetOutputCharset(YAML::EscapeNonAscii);
  if (in_flow) out << YAML::Flow << YAML::BeginSeq;
  // yaml-cpp leaves `:x` plain, which libyaml refuses in a flow sequence.
  bool leading_colon = !value.empty() && value.front() == ':';
  if (escaped || leading_colon || is_reserved_word(value) || looks_like_yaml_number(value)) out << YAML::DoubleQuoted;
  out << std::string(value);
  if (in_flow) out << YAML::EndSeq;
  if (!out.good()) throw std::logic_error("yaml-cpp cannot write a scalar: " + out.GetLastError());
  std::string text = out.c_str();
  if (in_flow) text = text.substr(1, text.size() - 2);  // "[item]" -> "item"
  return text;
}

// Text the emitter writes as it is, in block and flow context alike: a
// letter or digit, then letters, digits, spaces, `_`, `.` and `-`, no space
// last, and not a word or number some reader takes for another type. Most
// ids, titles and names of an import are such text; test_yaml_emit checks
// every such value against YAML::Emitter itself.
bool is_plain_word_text(std::string_view value) {
  if (value.empty() || !std::isalnum(static_cast<unsigned char>(value.front())) || value.back() == ' ') return false;
  for (char c : value)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != ' ' && c != '_' && c != '.' && c != '-') return false;
  return !is_reserved_word(value) && !looks_like_yaml_number(value);
}

// emit_scalar for short values, each distinct one emitted once: names,
// segments, regions, tags and codes repeat across the rows of an import, and
// the emitter's plain-scalar checks (regular expressions run per character)
// were a quarter of an import's time (bench/README.md). Thread-safe; holds at
// most k_cached values per context.
std::string emit_scalar_cached(std::string_view value, bool in_flow) {
  constexpr std::size_t k_short = 64, k_cached = 20000;
  if (is_plain_word_text(value)) return std::string(value);  // what the emitter writes for it: tested against it
  if (value.size() > k_short) return emit_scalar(value, in_flow);
  static std::mutex mutex;
  static std::unordered_map<std::string, std::string> cache[2];
  auto& known = cache[in_flow ? 1 : 0];
  std::string key(value);
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = known.find(key);
    if (it != known.end()) return it->second;
  }
  std::string text = emit_scalar(value, in_flow);
  std::lock_guard<std::mutex> lock(mutex);
  if (known.size() < k_cached) known.emplace(std::move(key), text);
  return text;
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
  return emit_scalar_cached(value, false);
}

std::string yaml_flow_scalar(std::string_view value) {
  return emit_scalar_cached(value, true);
}

std::string yaml_flow_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + yaml_flow_scalar(values[i]);
  return out + "]";
}

}  // namespace esc
