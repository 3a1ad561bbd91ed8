#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace esc {

/// Writes output into the stream it is given.
using OutputWriter = std::function<void(std::ostream&)>;

/// Writes `content` to `path` atomically (a temporary file in the same folder,
/// then rename). Refuses to replace an existing file unless `force`; throws
/// CliError on any failure, leaving the old file untouched. A device, FIFO or
/// socket (`/dev/null`, `/dev/stdout`, a named pipe) is written to directly,
/// without `force`: it is never replaced by a regular file.
void write_file_atomically(const std::string& path, const std::string& content, bool force);
/// The same, streaming what `render` writes into the temporary file; if
/// `render` throws, nothing is written and the exception goes on.
void write_file_atomically(const std::string& path, const OutputWriter& render, bool force);

/// Replaces the existing file `path` (through a symbolic link, the file it
/// points to) atomically, keeping its permission bits; throws CliError on any
/// failure, leaving the file untouched.
void replace_file_atomically(const std::string& path, const std::string& content);

/// A new file for write_new_files_atomically().
struct NewFile {
  std::string path;
  const std::string* content = nullptr;
};

/// Writes many new files (mode 0644): each into a temporary file beside it,
/// then one syncfs() for all, then each linked into place, never replacing a
/// file that exists. Returns one message per file: empty when it was
/// written, else why not (that file is left as it was). For `import`, where
/// a sync per file would cost seconds per thousand files.
std::vector<std::string> write_new_files_atomically(const std::vector<NewFile>& files);

/// Writes `content` to stdout when `path` is empty or "-", else atomically to the file.
void write_output(const std::string& path, const std::string& content, bool force);
/// The same, streaming: `render` writes straight to stdout or the temporary file.
void write_output(const std::string& path, const OutputWriter& render, bool force);

}  // namespace esc
