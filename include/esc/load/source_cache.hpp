#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "esc/load/case_loader.hpp"
#include "esc/load/source_text.hpp"

namespace esc {

/// Source lines for diagnostics: re-reads a file from disk on first use
/// (standard input is kept by the loader), so that the loader need not keep
/// every file's text alive.
class SourceCache {
 public:
  explicit SourceCache(const CaseSet* set = nullptr, LoadLimits limits = {}) : m_set(set), m_limits(limits) {}

  /// The text of a 1-based line of `file`, or empty when unavailable.
  std::string line(const std::string& file, std::uint32_t number);

 private:
  const CaseSet* m_set;
  LoadLimits m_limits;
  std::map<std::string, std::unique_ptr<SourceText>> m_files;
};

}  // namespace esc
