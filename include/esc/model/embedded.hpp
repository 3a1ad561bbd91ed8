#pragma once
#include <optional>
#include <string_view>

namespace esc {
/// The bytes of a file compiled into the binary (e.g. "templates/taxonomy.yaml"),
/// or nullopt when no such file was embedded.
std::optional<std::string_view> embedded_file(std::string_view name);
}  // namespace esc
