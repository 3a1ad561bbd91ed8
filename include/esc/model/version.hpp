#pragma once
#include <string_view>

namespace esc {
/// The release version, e.g. "0.1.0".
std::string_view version();
/// The short git revision the binary was built from, or "unknown".
std::string_view git_revision();
}  // namespace esc
