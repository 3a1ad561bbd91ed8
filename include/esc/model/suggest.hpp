#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace esc {

/// Levenshtein distance between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo:
/// the same word in another letter case (`SALES`), its initials (`CS` for
/// customer-success), a bare number a unique name ends with (`1` for sev1), a
/// dotted code whose last segment ends a unique candidate
/// (`support.severity-gaming`), a unique prefix, distance <= max(2, len/3), or
/// a unique dotted suffix; empty otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// True when `word` is one slip away from `known`: one letter added, dropped
/// or changed, two neighbours swapped, or only the letter case differs.
bool is_one_slip(std::string_view word, std::string_view known);

/// "did you mean `x`?" for the closest match, or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace esc
