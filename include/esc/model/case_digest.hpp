#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "esc/model/case.hpp"
#include "esc/model/string_pool.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// A cause as the analysis reads it.
struct DigestCause {
  std::uint32_t entry = 0;   // index into Taxonomy::entries(): the canonical code
  StringPool::Id owner = 0;  // the case's override, else the taxonomy's owner
  bool confirmed = false;
  bool root = false;  // no caused_by
  Confidence confidence = Confidence::suspected;
};

/// "`from` led to `to`", as indices into a digest's causes.
struct DigestEdge {
  std::uint32_t from = 0, to = 0;
};

/// An action as the analysis reads it.
struct DigestAction {
  StringPool::Id text = 0;             // the action's own words (open actions only; "" for the others)
  StringPool::Id owner = 0;            // "" when the action names none
  std::optional<std::uint32_t> cause;  // the canonical entry of its cause, when it names a known one
  std::optional<Date> due;
  std::optional<Date> done;
  ActionStatus status = ActionStatus::open;
};

/// One case reduced to what the analysis reads besides the case's identity
/// and title (SPEC 5): its causes by canonical code (distinct, unknown codes
/// left out, in file order), the links between them (distinct), its actions,
/// the review's attendees and its tags. Strings that repeat across cases are
/// StringPool ids. report and graph build the digests while loading and keep
/// the cases themselves only at CaseDetail::analysis: under a fifth of the
/// memory of the causes and actions it replaces (see bench/README.md).
/// The lists are packed in one buffer; read them through the accessors.
class CaseDigest {
 public:
  const Case* source = nullptr;  // the case it was built from

  std::size_t cause_count() const { return m_causes; }
  DigestCause cause(std::size_t i) const;
  std::size_t edge_count() const { return m_edges; }
  DigestEdge edge(std::size_t i) const;
  std::size_t action_count() const { return m_actions; }
  DigestAction action(std::size_t i) const;
  std::size_t attendee_count() const { return m_attendees; }
  StringPool::Id attendee(std::size_t i) const { return m_words[attendees_at() + i]; }
  std::size_t tag_count() const { return m_words.size() - tags_at(); }  // the tags are last
  StringPool::Id tag(std::size_t i) const { return m_words[tags_at() + i]; }

  /// The digest of `c`, with codes resolved in `taxonomy` (aliases to their
  /// canonical code) and strings interned in `strings`. Thread-safe as far
  /// as `strings` is.
  static CaseDigest of(const Case& c, const Taxonomy& taxonomy, StringPool& strings);

 private:
  // Words per element: a cause 3, an edge 2, an action 6, an attendee or a tag 1.
  std::size_t edges_at() const { return 3 * std::size_t{m_causes}; }
  std::size_t actions_at() const { return edges_at() + 2 * std::size_t{m_edges}; }
  std::size_t attendees_at() const { return actions_at() + 6 * std::size_t{m_actions}; }
  std::size_t tags_at() const { return attendees_at() + m_attendees; }

  std::vector<std::uint32_t> m_words;
  std::uint32_t m_causes = 0, m_edges = 0, m_actions = 0, m_attendees = 0;
};

}  // namespace esc
