#include "esc/load/path_walker.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <set>
#include <sys/stat.h>
#include <utility>

#include <fmt/format.h>

namespace esc {
namespace {

using FileId = std::pair<dev_t, ino_t>;

bool has_yaml_extension(const std::string& name) {
  auto ends_with = [&](const char* suffix) {
    std::size_t n = std::strlen(suffix);
    return name.size() > n && name.compare(name.size() - n, n, suffix) == 0;
  };
  return ends_with(".yaml") || ends_with(".yml");
}

class Walker {
 public:
  explicit Walker(std::vector<Diagnostic>& out) : m_out(out) {}

  void add_path(const std::string& path) {
    if (path == "-") {
      m_files.push_back(path);
      return;
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      int stat_error = errno;
      struct stat link {};
      bool is_link = ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
      error(path, stat_error == ELOOP ? "symbolic link loop; not followed"
                  : is_link           ? "dangling symbolic link"
                                      : fmt::format("cannot read: {}", std::strerror(stat_error)));
      return;
    }
    if (S_ISDIR(info.st_mode))
      walk_directory(path, info);
    else
      add_file(path, info);
  }

  std::vector<std::string> take() { return std::move(m_files); }

 private:
  void error(const std::string& path, std::string message) {
    m_out.push_back({Severity::error, "io-error", path, {}, std::move(message), ""});
  }

  void add_file(const std::string& path, const struct stat& info) {
    if (!m_seen_files.insert({info.st_dev, info.st_ino}).second) return;  // reached twice through links
    m_files.push_back(path);
  }

  void walk_directory(const std::string& path, const struct stat& info) {
    FileId id{info.st_dev, info.st_ino};
    if (std::find(m_ancestors.begin(), m_ancestors.end(), id) != m_ancestors.end()) {
      error(path, "directory loop: this link leads back to a folder being walked; not followed");
      return;
    }
    if (!m_seen_directories.insert(id).second) return;  // already walked through another link
    DIR* dir = ::opendir(path.c_str());
    if (!dir) {
      error(path, fmt::format("cannot read directory: {}", std::strerror(errno)));
      return;
    }
    std::vector<std::string> names;
    while (dirent* entry = ::readdir(dir)) {
      std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(std::move(name));
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    m_ancestors.push_back(id);
    std::string prefix = path.back() == '/' ? path : path + "/";
    for (const auto& name : names) {
      if (name[0] == '.') continue;  // hidden files and folders (.git, editors' swap files)
      std::string child = prefix + name;
      struct stat child_info {};
      if (::stat(child.c_str(), &child_info) != 0) {
        int stat_error = errno;
        struct stat link {};
        bool is_link = ::lstat(child.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
        if (stat_error == ELOOP)
          error(child, "symbolic link loop; not followed");
        else if (!is_link)
          error(child, fmt::format("cannot read: {}", std::strerror(stat_error)));
        else if (has_yaml_extension(name))
          error(child, "dangling symbolic link");
        continue;
      }
      if (S_ISDIR(child_info.st_mode))
        walk_directory(child, child_info);
      else if (S_ISREG(child_info.st_mode) && has_yaml_extension(name))
        add_file(child, child_info);
    }
    m_ancestors.pop_back();
  }

  std::vector<Diagnostic>& m_out;
  std::vector<std::string> m_files;
  std::vector<FileId> m_ancestors;
  std::set<FileId> m_seen_directories;
  std::set<FileId> m_seen_files;
};

}  // namespace

std::vector<std::string> collect_input_files(const std::vector<std::string>& paths, std::vector<Diagnostic>& out) {
  Walker walker(out);
  for (const auto& path : paths) walker.add_path(path);
  return walker.take();
}

}  // namespace esc
