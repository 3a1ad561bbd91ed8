#include "esc/cli/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "esc/cli/context.hpp"

namespace esc {

namespace {

// A temporary file beside `path`, then rename over it; or, when `replace` is
// false, link it to `path`, which fails if `path` exists even if it appeared
// after our check (rename only where the file system has no hard links).
void write_through_temp(const std::string& path, const OutputWriter& render, mode_t mode, bool replace) {
  std::string temp = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  auto fail = [&](int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(error)));
  };
  {
    // Streamed: a report of 100,000 cases is never held in memory whole.
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) fail(errno);
    try {
      render(out);
    } catch (...) {
      ::close(fd);
      ::unlink(temp.c_str());
      throw;
    }
    out.flush();
    if (!out) fail(errno ? errno : EIO);
  }
  ::fchmod(fd, mode);
  if (::fsync(fd) != 0) fail(errno);
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  }
  if (!replace) {
    if (::link(temp.c_str(), path.c_str()) == 0) {
      ::unlink(temp.c_str());
      return;
    }
    int error = errno;
    struct stat info {};
    if (error == EEXIST || ::lstat(path.c_str(), &info) == 0) {
      ::unlink(temp.c_str());
      throw CliError(fmt::format("{} already exists; use --force to replace it", path));
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(error)));
  }
}

OutputWriter text_writer(const std::string& content) {
  return [&content](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); };
}

}  // namespace

void write_file_atomically(const std::string& path, const OutputWriter& render, bool force) {
  struct stat info {};
  if (!force && ::lstat(path.c_str(), &info) == 0)
    throw CliError(fmt::format("{} already exists; use --force to replace it", path));
  write_through_temp(path, render, 0644, force);
}

void write_file_atomically(const std::string& path, const std::string& content, bool force) {
  write_file_atomically(path, text_writer(content), force);
}

void replace_file_atomically(const std::string& path, const std::string& content) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (!real) throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  std::string target = real;
  std::free(real);
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  write_through_temp(target, text_writer(content), info.st_mode & 07777, true);
}

std::vector<std::string> write_new_files_atomically(const std::vector<NewFile>& files) {
  std::vector<std::string> problems(files.size());
  std::vector<std::string> temps(files.size());
  int sync_fd = -1;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& path = files[i].path;
    std::string temp = path + ".tmp-XXXXXX";
    int fd = ::mkstemp(temp.data());
    if (fd < 0) {
      problems[i] = fmt::format("cannot write {}: {}", path, std::strerror(errno));
      continue;
    }
    const std::string& content = *files[i].content;
    std::size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    int error = done == content.size() ? 0 : (errno ? errno : EIO);
    ::fchmod(fd, 0644);
    if (sync_fd < 0 && error == 0) sync_fd = ::dup(fd);
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error != 0) {
      ::unlink(temp.c_str());
      problems[i] = fmt::format("cannot write {}: {}", path, std::strerror(error));
      continue;
    }
    temps[i] = std::move(temp);
  }
  if (sync_fd >= 0) {  // one flush of the file system for every temporary file
    ::syncfs(sync_fd);
    ::close(sync_fd);
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (temps[i].empty()) continue;
    const std::string& path = files[i].path;
    if (::link(temps[i].c_str(), path.c_str()) == 0) {
      ::unlink(temps[i].c_str());
      continue;
    }
    int error = errno;
    struct stat info {};
    if (error == EEXIST || ::lstat(path.c_str(), &info) == 0) {
      ::unlink(temps[i].c_str());
      problems[i] = fmt::format("{} already exists; not replaced", path);
    } else if (std::rename(temps[i].c_str(), path.c_str()) != 0) {
      ::unlink(temps[i].c_str());
      problems[i] = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    }
  }
  return problems;
}

void write_output(const std::string& path, const OutputWriter& render, bool force) {
  if (path.empty() || path == "-") {
    render(std::cout);
    std::cout.flush();
    return;
  }
  write_file_atomically(path, render, force);
}

void write_output(const std::string& path, const std::string& content, bool force) {
  write_output(path, text_writer(content), force);
}

}  // namespace esc
