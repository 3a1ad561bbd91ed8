#include "esc/model/case_digest.hpp"

#include <algorithm>

namespace esc {
namespace {

constexpr std::uint32_t k_none = 0xffffffffu;
constexpr std::uint32_t k_confirmed = 1, k_root = 2;
constexpr std::uint32_t k_confidence_shift = 2;  // bits 2-3: the Confidence

// A date as one word (its yyyymmdd key), 0 for none: no real date has key 0.
std::uint32_t date_word(const std::optional<Date>& date) {
  return date ? static_cast<std::uint32_t>(date->key()) : 0;
}

std::optional<Date> word_date(std::uint32_t word) {
  if (word == 0) return std::nullopt;
  int key = static_cast<int>(word);
  return Date{key / 10000, key / 100 % 100, key % 100};
}

}  // namespace

DigestCause CaseDigest::cause(std::size_t i) const {
  const std::uint32_t* w = &m_words[3 * i];
  return {w[0], w[1], (w[2] & k_confirmed) != 0, (w[2] & k_root) != 0,
          static_cast<Confidence>((w[2] >> k_confidence_shift) & 3u)};
}

DigestEdge CaseDigest::edge(std::size_t i) const {
  const std::uint32_t* w = &m_words[edges_at() + 2 * i];
  return {w[0], w[1]};
}

DigestAction CaseDigest::action(std::size_t i) const {
  const std::uint32_t* w = &m_words[actions_at() + 6 * i];
  DigestAction action;
  action.owner = w[0];
  if (w[1] != k_none) action.cause = w[1];
  action.due = word_date(w[2]);
  action.done = word_date(w[3]);
  action.status = static_cast<ActionStatus>(w[4]);
  action.text = w[5];
  return action;
}

CaseDigest CaseDigest::of(const Case& c, const Taxonomy& taxonomy, StringPool& strings) {
  const auto& entries = taxonomy.entries();
  auto entry_index = [&](std::string_view code) -> std::uint32_t {
    const TaxonomyEntry* entry = taxonomy.resolve(code);
    return entry ? static_cast<std::uint32_t>(entry - entries.data()) : k_none;
  };
  // The first cause of each known canonical code, in file order.
  std::vector<std::uint32_t> codes;
  std::vector<const Cause*> kept;
  for (const auto& cause : c.causes) {
    std::uint32_t entry = entry_index(cause.code.value);
    if (entry == k_none || std::find(codes.begin(), codes.end(), entry) != codes.end()) continue;
    codes.push_back(entry);
    kept.push_back(&cause);
  }
  std::vector<DigestEdge> edges;
  for (std::uint32_t to = 0; to < kept.size(); ++to)
    for (const auto& link : kept[to]->caused_by) {
      auto from = std::find(codes.begin(), codes.end(), entry_index(link.value));
      if (from == codes.end()) continue;
      DigestEdge edge{static_cast<std::uint32_t>(from - codes.begin()), to};
      if (std::none_of(edges.begin(), edges.end(),
                       [&](DigestEdge e) { return e.from == edge.from && e.to == edge.to; }))
        edges.push_back(edge);
    }

  CaseDigest digest;
  digest.source = &c;
  digest.m_causes = static_cast<std::uint32_t>(kept.size());
  digest.m_edges = static_cast<std::uint32_t>(edges.size());
  digest.m_actions = static_cast<std::uint32_t>(c.actions.size());
  digest.m_attendees = c.reviewed ? static_cast<std::uint32_t>(c.reviewed->attendees.size()) : 0;
  auto& w = digest.m_words;
  w.reserve(digest.tags_at() + c.tags.size());  // exactly: one allocation per case
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const Cause& cause = *kept[i];
    const std::string& owner = cause.owner.value.empty() ? entries[codes[i]].owner : cause.owner.value;
    w.push_back(codes[i]);
    w.push_back(strings.intern(owner));
    w.push_back((cause.confidence == Confidence::confirmed ? k_confirmed : 0) | (cause.caused_by.empty() ? k_root : 0) |
                (static_cast<std::uint32_t>(cause.confidence) << k_confidence_shift));
  }
  for (const auto& edge : edges) w.insert(w.end(), {edge.from, edge.to});
  for (const auto& action : c.actions) {
    w.push_back(strings.intern(action.owner.value));
    w.push_back(action.cause.value.empty() ? k_none : entry_index(action.cause.value));
    w.push_back(date_word(action.due));
    w.push_back(date_word(action.done));
    w.push_back(static_cast<std::uint32_t>(action.status));
    // Only open actions' words are kept: the action tracker lists open
    // actions, and unique text costs memory per case (see bench/README.md).
    w.push_back(action.status == ActionStatus::open ? strings.intern(action.action) : strings.intern(""));
  }
  if (c.reviewed)
    for (const auto& attendee : c.reviewed->attendees) w.push_back(strings.intern(attendee.value));
  for (const auto& tag : c.tags) w.push_back(strings.intern(tag));
  return digest;
}

}  // namespace esc
