#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace esc {

/// Levenshtein distance between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo
/// (distance <= max(2, len/3), or `word` is a unique suffix or prefix of it); empty otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// True when `word` is one slip away from `known`: one letter added, dropped
/// or changed, two neighbours swapped, or only the letter case differs.
bool is_one_slip(std::string_view word, std::string_view known);

/// "did you mean `x`?" for the closest match, or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace esc
