#pragma once
#include <string>
#include <vector>

#include "esc/model/diagnostic.hpp"

namespace esc {

/// Expands the paths given on the command line into the files to read:
/// a file is taken as given, "-" is standard input, a directory is walked
/// recursively in sorted order for `*.yaml` and `*.yml` (in any case). Each
/// real file is listed once. Missing paths, unreadable directories, dangling
/// links and directory loops are reported as `io-error` and skipped. Regular
/// files of walked folders skipped for their extension go to `skipped`.
std::vector<std::string> collect_input_files(const std::vector<std::string>& paths, std::vector<Diagnostic>& out,
                                             std::vector<std::string>* skipped = nullptr);

/// True if `path` matches one of the glob `patterns` (fnmatch, where `*` also
/// crosses `/`). A pattern with a `/` is matched against the path relative to
/// `base` (when the file lies under it) and against the path as given, `*`
/// crossing folders; a pattern without one against the file name and each
/// folder name. A trailing `/` means a folder and everything under it.
bool matches_ignore(const std::string& path, const std::vector<std::string>& patterns, const std::string& base);

}  // namespace esc
