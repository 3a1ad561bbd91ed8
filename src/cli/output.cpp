#include "esc/cli/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
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
void write_through_temp(const std::string& path, const std::string& content, mode_t mode, bool replace) {
  std::string temp = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(error)));
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  ::fchmod(fd, mode);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
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

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content, bool force) {
  struct stat info {};
  if (!force && ::lstat(path.c_str(), &info) == 0)
    throw CliError(fmt::format("{} already exists; use --force to replace it", path));
  write_through_temp(path, content, 0644, force);
}

void replace_file_atomically(const std::string& path, const std::string& content) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (!real) throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  std::string target = real;
  std::free(real);
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  write_through_temp(target, content, info.st_mode & 07777, true);
}

void write_output(const std::string& path, const std::string& content, bool force) {
  if (path.empty() || path == "-") {
    std::cout << content;
    std::cout.flush();
    return;
  }
  write_file_atomically(path, content, force);
}

}  // namespace esc
