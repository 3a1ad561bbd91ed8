#pragma once
#include <functional>
#include <ostream>
#include <string>

namespace esc {

/// Writes output into the stream it is given.
using OutputWriter = std::function<void(std::ostream&)>;

/// Writes `content` to `path` atomically (a temporary file in the same folder,
/// then rename). Refuses to replace an existing file unless `force`; throws
/// CliError on any failure, leaving the old file untouched.
void write_file_atomically(const std::string& path, const std::string& content, bool force);
/// The same, streaming what `render` writes into the temporary file; if
/// `render` throws, nothing is written and the exception goes on.
void write_file_atomically(const std::string& path, const OutputWriter& render, bool force);

/// Replaces the existing file `path` (through a symbolic link, the file it
/// points to) atomically, keeping its permission bits; throws CliError on any
/// failure, leaving the file untouched.
void replace_file_atomically(const std::string& path, const std::string& content);

/// Writes `content` to stdout when `path` is empty or "-", else atomically to the file.
void write_output(const std::string& path, const std::string& content, bool force);
/// The same, streaming: `render` writes straight to stdout or the temporary file.
void write_output(const std::string& path, const OutputWriter& render, bool force);

}  // namespace esc
