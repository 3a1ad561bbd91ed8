#pragma once
#include <optional>
#include <string>
#include <vector>

#include "esc/load/source_text.hpp"
#include "esc/model/config.hpp"

namespace esc {

/// The name of the config file looked for upward from the working directory.
inline constexpr const char* k_config_file_name = ".esc-autopsy.yaml";

/// The nearest `.esc-autopsy.yaml` in `start` or a folder above it (absolute
/// path), or empty when there is none up to the filesystem root.
std::string find_config_file(const std::string& start);

/// Parses config text. Problems are diagnostics in `Config::diagnostics`
/// (`unknown-key` with did-you-mean for unknown keys and rule ids, `bad-enum`,
/// `wrong-type`); relative paths are resolved against `directory`.
Config parse_config(const SourceText& source, const std::string& directory);

/// Reads and parses a config file; an unreadable file is an `io-error` in the
/// returned config's diagnostics.
Config load_config_file(const std::string& path);

/// The values `validate --format` accepts (and the config's `format`).
const std::vector<std::string>& validate_format_names();

/// The values `--fail-on` accepts (and the config's `fail-on`).
const std::vector<std::string>& fail_on_names();

}  // namespace esc
