#include "esc/load/path_walker.hpp"

#include <dirent.h>
#include <fnmatch.h>
#include <strings.h>
#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace esc {
namespace {

using FileId = std::pair<dev_t, ino_t>;

// `.yaml` or `.yml` in any case (`.YAML`, `.Yml`): files copied from other systems keep theirs.
bool has_yaml_extension(const std::string& name) {
  auto ends_with = [&](const char* suffix) {
    std::size_t n = std::strlen(suffix);
    return name.size() > n && ::strncasecmp(name.c_str() + name.size() - n, suffix, n) == 0;
  };
  return ends_with(".yaml") || ends_with(".yml");
}

class Walker {
 public:
  Walker(std::vector<Diagnostic>& out, std::vector<std::string>* skipped) : m_out(out), m_skipped(skipped) {}

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

  void skip(std::string path) {
    if (m_skipped) m_skipped->push_back(std::move(path));
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
    // Names with their inode when the directory says they are regular files:
    // those need no stat() (one system call per file saved on large trees).
    std::vector<std::pair<std::string, ino_t>> names;
    while (dirent* entry = ::readdir(dir)) {
      std::string name = entry->d_name;
      if (name != "." && name != "..") names.emplace_back(std::move(name), entry->d_type == DT_REG ? entry->d_ino : 0);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    m_ancestors.push_back(id);
    std::string prefix = path.back() == '/' ? path : path + "/";
    for (const auto& [name, regular_inode] : names) {
      if (name[0] == '.') continue;  // hidden files and folders (.git, editors' swap files)
      if (regular_inode != 0) {
        if (!has_yaml_extension(name)) {
          skip(prefix + name);
          continue;
        }
        struct stat file_info {};
        file_info.st_dev = info.st_dev;  // a regular file is on its directory's device
        file_info.st_ino = regular_inode;
        add_file(prefix + name, file_info);
        continue;
      }
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
      else if (S_ISREG(child_info.st_mode))
        skip(child);
    }
    m_ancestors.pop_back();
  }

  std::vector<Diagnostic>& m_out;
  std::vector<std::string>* m_skipped;
  std::vector<std::string> m_files;
  std::vector<FileId> m_ancestors;
  std::set<FileId> m_seen_directories;
  std::set<FileId> m_seen_files;
};

}  // namespace

bool matches_ignore(const std::string& path, const std::vector<std::string>& patterns, const std::string& base) {
  if (patterns.empty()) return false;
  namespace fs = std::filesystem;
  std::string given = path;
  while (given.rfind("./", 0) == 0) given.erase(0, 2);
  std::string relative = given;
  if (!base.empty()) {
    std::error_code error;
    fs::path absolute = fs::absolute(path, error).lexically_normal();
    fs::path inside = error ? fs::path() : absolute.lexically_relative(fs::path(base).lexically_normal());
    if (!inside.empty() && *inside.begin() != "..") relative = inside.generic_string();
  }
  auto match = [](const std::string& pattern, const std::string& text) {
    return ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
  };
  fs::path parts(relative);
  for (std::string pattern : patterns) {
    if (pattern.empty()) continue;
    bool folder = pattern.back() == '/';
    if (folder) pattern.pop_back();
    if (pattern.find('/') != std::string::npos) {  // a path: anchored at the base
      if (pattern.front() == '/') pattern.erase(0, 1);
      if (folder) pattern += "/*";
      if (match(pattern, relative) || match(pattern, given)) return true;
      continue;
    }
    // A name: the file's name or any folder's name (only folders for `name/`).
    for (auto it = parts.begin(); it != parts.end(); ++it) {
      bool is_file_name = std::next(it) == parts.end();
      if (!(folder && is_file_name) && match(pattern, it->string())) return true;
    }
  }
  return false;
}

std::vector<std::string> collect_input_files(const std::vector<std::string>& paths, std::vector<Diagnostic>& out,
                                             std::vector<std::string>* skipped) {
  Walker walker(out, skipped);
  for (const auto& path : paths) walker.add_path(path);
  return walker.take();
}

}  // namespace esc
