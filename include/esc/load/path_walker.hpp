#pragma once
#include <string>
#include <vector>

#include "esc/model/diagnostic.hpp"

namespace esc {

/// Expands the paths given on the command line into the files to read:
/// a file is taken as given, "-" is standard input, a directory is walked
/// recursively in sorted order for `*.yaml` and `*.yml`. Each real file is
/// listed once. Missing paths, unreadable directories, dangling links and
/// directory loops are reported as `io-error` and skipped.
std::vector<std::string> collect_input_files(const std::vector<std::string>& paths, std::vector<Diagnostic>& out);

}  // namespace esc
