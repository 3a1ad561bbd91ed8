#include "esc/model/string_pool.hpp"

namespace esc {

StringPool::Id StringPool::intern(std::string_view text) {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_ids.find(text);
  if (it != m_ids.end()) return it->second;
  auto id = static_cast<Id>(m_strings.size());
  m_strings.emplace_back(text);
  m_ids.emplace(m_strings.back(), id);
  return id;
}

}  // namespace esc
