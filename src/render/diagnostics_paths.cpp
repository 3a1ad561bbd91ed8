// Paths and URIs as the machine formats (SARIF, JUnit, GitHub) show them.
#include <filesystem>

#include <fmt/format.h>

#include "esc/render/diagnostics_render.hpp"

namespace esc {
namespace fs = std::filesystem;

namespace {

// The path relative to `base`, or empty when it is not under it.
std::string relative_to(const std::string& path, const std::string& base) {
  if (base.empty() || path.empty() || path == "<stdin>") return {};
  std::error_code error;
  fs::path absolute = fs::absolute(path, error).lexically_normal();
  if (error) return {};
  fs::path inside = absolute.lexically_relative(fs::path(base).lexically_normal());
  if (inside.empty() || *inside.begin() == "..") return {};
  return inside.generic_string();
}

std::string percent_encode(std::string_view text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
                 c == '_' || c == '~' || c == '/';
    if (plain)
      out += c;
    else
      out += fmt::format("%{:02X}", u);
  }
  return out;
}

}  // namespace

std::string display_path(const std::string& path, const std::string& base) {
  std::string relative = relative_to(path, base);
  return relative.empty() ? path : relative;
}

std::string artifact_uri(const std::string& path, const std::string& base, bool& relative) {
  if (path == "<stdin>") {  // no file to point at: a plain relative reference, not %3Cstdin%3E
    relative = false;
    return "stdin";
  }
  std::string inside = relative_to(path, base);
  relative = !inside.empty();
  if (relative) return percent_encode(inside);
  std::error_code error;
  fs::path absolute = fs::absolute(path, error).lexically_normal();
  return "file://" + percent_encode(error ? path : absolute.generic_string());
}

}  // namespace esc
