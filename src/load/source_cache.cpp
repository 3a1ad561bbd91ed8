#include "esc/load/source_cache.hpp"

namespace esc {

std::string SourceCache::line(const std::string& file, std::uint32_t number) {
  auto it = m_files.find(file);
  if (it == m_files.end()) {
    std::unique_ptr<SourceText> text;
    if (file == k_stdin_name && m_set) {
      for (const auto& loaded : m_set->files)
        if (loaded.path == file) text = std::make_unique<SourceText>(file, loaded.stdin_text);
    } else if (file != k_stdin_name) {
      std::vector<Diagnostic> ignored;
      if (auto source = read_source(file, m_limits, ignored)) text = std::make_unique<SourceText>(std::move(*source));
    }
    it = m_files.emplace(file, std::move(text)).first;
  }
  return it->second ? std::string(it->second->line(number)) : std::string();
}

}  // namespace esc
