#include "esc/model/suggest.hpp"

#include <cctype>

#include <algorithm>

namespace esc {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "cs" for "customer-success": the first letter of each `-` part.
std::string initials(std::string_view id) {
  std::string out;
  for (std::size_t i = 0; i < id.size(); ++i)
    if (i == 0 || id[i - 1] == '-') out += id[i];
  return out;
}

// The only candidate `accept` takes, or empty (none, or several).
template <typename Accept>
std::string unique(const std::vector<std::string>& candidates, Accept accept) {
  std::string found;
  for (const auto& candidate : candidates) {
    if (!accept(candidate)) continue;
    if (!found.empty()) return {};
    found = candidate;
  }
  return found;
}

// Matches that edit distance misses: another letter case (`SALES`), initials
// (`CS` -> customer-success), a bare number (`1` -> sev1), an old dotted code
// by its last segment (`support.severity-gaming`).
std::string shape_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string lower = lowercase(word);
  std::string found = unique(candidates, [&](const std::string& c) { return lowercase(c) == lower; });
  if (!found.empty()) return found;
  bool letters = std::all_of(lower.begin(), lower.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (letters && lower.size() >= 2) {
    found = unique(candidates, [&](const std::string& c) {
      return c.find('-') != std::string::npos && c.find('.') == std::string::npos && initials(c) == lower;
    });
    if (!found.empty()) return found;
  }
  bool digits = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    found = unique(candidates, [&](const std::string& c) {
      return c.size() > word.size() && ends_with(c, word) &&
             std::isalpha(static_cast<unsigned char>(c[c.size() - word.size() - 1]));
    });
    if (!found.empty()) return found;
  }
  std::size_t dot = word.rfind('.');
  if (dot != std::string_view::npos && dot + 1 < word.size()) {
    std::string last = "." + std::string(word.substr(dot + 1));
    found = unique(candidates, [&](const std::string& c) { return ends_with(c, last); });
  }
  return found;
}
}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty()) return {};
  if (std::string shaped = shape_match(word, candidates); !shaped.empty()) return shaped;
  // "rushed-onboarding.too" for "rushed-onboarding.too-high-level": a unique
  // prefix is the strongest hint of all.
  if (word.size() >= 3) {
    std::string prefix_match;
    std::size_t prefixed = 0;
    for (const auto& candidate : candidates)
      if (candidate.size() > word.size() && candidate.compare(0, word.size(), word) == 0) {
        prefix_match = candidate;
        ++prefixed;
      }
    if (prefixed == 1) return prefix_match;
  }
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (!best.empty()) return best;
  // "defect" for "product-flaw.defect": a unique dotted suffix is a good guess.
  std::string suffix_match;
  for (const auto& candidate : candidates) {
    if (ends_with(candidate, std::string(".") + std::string(word))) {
      if (!suffix_match.empty()) return {};
      suffix_match = candidate;
    }
  }
  return suffix_match;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string match = closest_match(word, candidates);
  return match.empty() ? std::string() : "did you mean `" + match + "`?";
}

bool is_one_slip(std::string_view word, std::string_view known) {
  if (word == known) return false;
  if (lowercase(word) == lowercase(known)) return true;
  if (edit_distance(word, known) == 1) return true;
  if (word.size() != known.size()) return false;
  std::size_t first = 0;
  while (first < word.size() && word[first] == known[first]) ++first;
  return first + 1 < word.size() && word[first] == known[first + 1] && word[first + 1] == known[first] &&
         word.substr(first + 2) == known.substr(first + 2);
}

}  // namespace esc
