#include "esc/cli/output.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

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

// A device, FIFO or socket (-o /dev/null, -o /dev/stdout, a named pipe):
// written to as it is. Renaming a file over it would replace the device node
// with a regular file (as root, /dev/null itself).
static void write_special_file(const std::string& path, const OutputWriter& render) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  render(out);
  out.flush();
  if (!out) throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno ? errno : EIO)));
}

void write_file_atomically(const std::string& path, const OutputWriter& render, bool force) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode))
    return write_special_file(path, render);
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
  if (::stat(target.c_str(), &info) != 0)
    throw CliError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  write_through_temp(target, text_writer(content), info.st_mode & 07777, true);
}

namespace {

bool write_all(int fd, const std::string& content) {
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// How many files a batch keeps open until its one sync: half the soft limit.
std::size_t batch_size() {
  struct rlimit limit {};
  std::size_t open_files = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 ? static_cast<std::size_t>(limit.rlim_cur) : 1024;
  return std::max<std::size_t>(16, std::min<std::size_t>(8192, open_files / 2));
}

}  // namespace

std::vector<std::string> write_new_files_atomically(const std::vector<NewFile>& files) {
  std::vector<std::string> problems(files.size());
  const std::size_t batch = batch_size();
  for (std::size_t first = 0; first < files.size(); first += batch) {
    std::size_t last = std::min(files.size(), first + batch);
    // Each file is written unnamed (O_TMPFILE: no directory entry until it is
    // complete), else into a temporary file beside it.
    std::vector<int> fds(last - first, -1);
    std::vector<std::string> temps(last - first);
    for (std::size_t i = first; i < last; ++i) {
      const std::string& path = files[i].path;
      std::string folder = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/') + 1);
      int fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
      if (fd < 0) {
        std::string temp = path + ".tmp-XXXXXX";
        fd = ::mkstemp(temp.data());
        if (fd < 0) {
          problems[i] = fmt::format("cannot write {}: {}", path, std::strerror(errno));
          continue;
        }
        temps[i - first] = std::move(temp);
      }
      if (!write_all(fd, *files[i].content) || ::fchmod(fd, 0644) != 0) {
        problems[i] = fmt::format("cannot write {}: {}", path, std::strerror(errno ? errno : EIO));
        ::close(fd);
        if (!temps[i - first].empty()) ::unlink(temps[i - first].c_str());
        continue;
      }
      fds[i - first] = fd;
    }
    for (int fd : fds)
      if (fd >= 0) {  // one flush of the file system for the whole batch
        ::syncfs(fd);
        break;
      }
    for (std::size_t i = first; i < last; ++i) {
      int fd = fds[i - first];
      if (fd < 0) continue;
      const std::string& path = files[i].path;
      const std::string& temp = temps[i - first];
      int linked = temp.empty() ? ::linkat(AT_FDCWD, fmt::format("/proc/self/fd/{}", fd).c_str(), AT_FDCWD,
                                           path.c_str(), AT_SYMLINK_FOLLOW)
                                : ::link(temp.c_str(), path.c_str());
      int error = linked == 0 ? 0 : errno;
      ::close(fd);
      struct stat info {};
      if (error == EEXIST || (error != 0 && ::lstat(path.c_str(), &info) == 0)) {
        problems[i] = fmt::format("{} already exists; not replaced", path);
      } else if (error != 0 && !temp.empty() && std::rename(temp.c_str(), path.c_str()) == 0) {
        continue;  // a file system without hard links
      } else if (error != 0) {
        problems[i] = fmt::format("cannot write {}: {}", path, std::strerror(error));
      }
      if (!temp.empty()) ::unlink(temp.c_str());
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
