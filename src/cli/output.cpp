#include "esc/cli/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "esc/cli/context.hpp"

namespace esc {

void write_file_atomically(const std::string& path, const std::string& content, bool force) {
  struct stat info {};
  if (!force && ::lstat(path.c_str(), &info) == 0)
    throw CliError(fmt::format("{} already exists; use --force to replace it", path));
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
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(error)));
  }
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
