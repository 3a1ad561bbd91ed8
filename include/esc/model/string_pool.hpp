#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace esc {

/// Interned strings: each distinct string is stored once and named by a small
/// id. Case digests hold ids for the strings that repeat across a case set
/// (owners, attendees, tags), so 100k cases cost a few hundred strings.
class StringPool {
 public:
  using Id = std::uint32_t;

  /// The id of `text`, adding it on first sight. Safe to call from several
  /// threads at once.
  Id intern(std::string_view text);
  /// The string of an id returned by intern(). Not to be called while another
  /// thread interns (read the pool once loading is over).
  std::string_view view(Id id) const { return m_strings[id]; }
  /// How many distinct strings the pool holds (likewise, once interning is over).
  std::size_t size() const { return m_strings.size(); }

 private:
  std::mutex m_mutex;
  std::deque<std::string> m_strings;  // a deque: interned strings never move
  std::unordered_map<std::string_view, Id> m_ids;
};

}  // namespace esc
