#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "esc/model/diagnostic.hpp"

namespace esc {

/// The settings of a `.esc-autopsy.yaml` file. Every field is optional: an
/// empty or unset one leaves the built-in default (and a command-line option
/// always wins over the file).
struct Config {
  std::string path;       // the file it was read from; empty when there is none
  std::string directory;  // the folder of that file (absolute); paths in it are relative to this
  std::string taxonomy;   // taxonomy file, already resolved against `directory`
  std::map<std::string, Severity, std::less<>> severities;  // rule id -> off|warning|error
  std::string format;                        // validate's default --format
  std::string fail_on;                       // validate's default --fail-on
  std::optional<std::size_t> max_file_size;  // bytes
  std::optional<int> max_depth;
  std::optional<std::size_t> max_documents;
  std::optional<std::size_t> max_nodes;
  std::optional<std::size_t> max_findings;
  std::vector<std::string> ignore;       // glob patterns (fnmatch)
  std::vector<Diagnostic> diagnostics;  // findings about the file itself (warnings once loaded)
};

}  // namespace esc
