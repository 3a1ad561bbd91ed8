#pragma once
// YAML output: scalars and flow lists for the files the tool writes.
#include <string>
#include <string_view>
#include <vector>

namespace esc {

/// `value` as a YAML scalar that every YAML reader reads back as the same
/// string, on one line, written by yaml-cpp's YAML::Emitter: plain when that
/// is safe, double-quoted with escapes otherwise (indicators, `: `, ` #`,
/// reserved words like `yes` or `null`, numbers, leading or trailing spaces,
/// control characters, line breaks; non-ASCII escaped when the value holds
/// bidirectional controls or NEL/LS/PS). Invalid UTF-8 becomes U+FFFD.
std::string yaml_scalar(std::string_view value);

/// Like yaml_scalar(), for an item of a flow list (also quotes `,[]{}`).
std::string yaml_flow_scalar(std::string_view value);

/// `[a, b, c]` with each item quoted as needed; `[]` when empty.
std::string yaml_flow_list(const std::vector<std::string>& values);

/// Whether `value` would be read as a number by a YAML 1.1 or 1.2 reader.
bool looks_like_yaml_number(std::string_view value);

}  // namespace esc
