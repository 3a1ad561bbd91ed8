// What a review changes: the starting point, comparisons, the summary lines
// and the cycle check on caused_by links.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "esc/author/review_session.hpp"

namespace esc {
namespace {

std::vector<std::string> texts(const std::vector<Located>& list) {
  std::vector<std::string> out;
  for (const auto& item : list) out.push_back(item.value);
  return out;
}

std::string list_text(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& item : list) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "none" : out;
}

std::string shorten(const std::string& text, std::size_t width = 60) {
  if (text.size() <= width) return text;
  std::size_t cut = width - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return text.substr(0, cut) + "...";
}

}  // namespace

std::vector<ReviewedCause> initial_causes(const Case& c, const Taxonomy& taxonomy) {
  std::vector<ReviewedCause> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < c.causes.size(); ++i) {
    const Cause& cause = c.causes[i];
    ReviewedCause r;
    r.original = static_cast<int>(i);
    r.confidence = cause.confidence;
    r.evidence = cause.evidence;
    r.owner = cause.owner.value;
    r.note = cause.note;
    const TaxonomyEntry* entry = taxonomy.resolve(cause.code.value);
    r.as_is = !entry || !seen.insert(entry->code).second;
    r.code = r.as_is ? cause.code.value : entry->code;
    for (const auto& link : cause.caused_by) {
      const TaxonomyEntry* target = taxonomy.resolve(link.value);
      r.caused_by.push_back(target && !r.as_is ? target->code : link.value);
    }
    out.push_back(std::move(r));
  }
  return out;
}

bool cause_changed(const ReviewedCause& cause, const Cause& original) {
  return cause.code != original.code.value || cause.confidence != original.confidence ||
         cause.evidence != original.evidence || cause.owner != original.owner.value ||
         cause.caused_by != texts(original.caused_by) || cause.note != original.note;
}

bool review_changed(const Case& c, const ReviewResult& result) {
  if (!c.reviewed) return result.has_review;
  if (!result.has_review) return false;  // a review never removes a `reviewed:` block
  std::string date = c.reviewed->date ? c.reviewed->date->to_string() : "";
  return date != result.review_date || texts(c.reviewed->attendees) != result.attendees;
}

std::vector<std::string> describe_changes(const Case& c, const Taxonomy& taxonomy, const ReviewResult& result) {
  std::vector<std::string> lines;
  std::set<int> kept;
  auto owner_of = [&](const ReviewedCause& r) {
    const TaxonomyEntry* entry = taxonomy.find(r.code);
    return !r.owner.empty() ? r.owner : entry ? entry->owner : std::string("?");
  };
  for (const auto& r : result.causes) {
    if (r.original < 0) {
      std::string line = fmt::format("+ add {} ({}, owner {}", r.code, to_string(r.confidence), owner_of(r));
      if (r.unsure) line += ", unsure";
      if (!r.evidence.empty()) line += fmt::format(", evidence: {}", shorten(r.evidence));
      if (!r.caused_by.empty()) line += fmt::format(", caused by {}", list_text(r.caused_by));
      lines.push_back(line + ")");
      continue;
    }
    kept.insert(r.original);
    const Cause& o = c.causes[static_cast<std::size_t>(r.original)];
    if (r.as_is || !cause_changed(r, o)) continue;
    std::vector<std::string> parts;
    if (r.code != o.code.value) parts.push_back(fmt::format("renamed from deprecated `{}`", o.code.value));
    if (r.confidence != o.confidence)
      parts.push_back(fmt::format("confidence {} -> {}", to_string(o.confidence), to_string(r.confidence)));
    if (r.evidence != o.evidence)
      parts.push_back(r.evidence.empty() ? "evidence removed" : fmt::format("evidence: {}", shorten(r.evidence)));
    if (r.owner != o.owner.value) parts.push_back(fmt::format("owner {}", owner_of(r)));
    if (r.caused_by != texts(o.caused_by))
      parts.push_back(fmt::format("caused by {} (was {})", list_text(r.caused_by), list_text(texts(o.caused_by))));
    std::string joined;
    for (const auto& p : parts) joined += (joined.empty() ? "" : "; ") + p;
    lines.push_back(fmt::format("~ change {}: {}", r.code, joined));
  }
  for (std::size_t i = 0; i < c.causes.size(); ++i)
    if (!kept.count(static_cast<int>(i))) lines.push_back(fmt::format("- remove {}", c.causes[i].code.value));
  for (const auto& fix : result.action_fixes) {
    const Action& a = c.actions[fix.action];
    lines.push_back(fix.cause.empty()
                        ? fmt::format("- drop action \"{}\" (it named {})", shorten(a.action), a.cause.value)
                        : fmt::format("~ action \"{}\": cause {} -> {}", shorten(a.action), a.cause.value, fix.cause));
  }
  if (review_changed(c, result))
    lines.push_back(fmt::format("~ reviewed: {}, attendees {}", result.review_date, list_text(result.attendees)));
  return lines;
}

std::vector<std::string> find_link_path(const std::vector<ReviewedCause>& causes, const std::string& from,
                                        const std::string& to) {
  // Depth-first search from `from` along A -> B (B caused_by A).
  std::vector<std::string> path{from};
  std::set<std::string> visited{from};
  std::function<bool(const std::string&)> walk = [&](const std::string& node) {
    if (node == to) return true;
    for (const auto& next : causes) {
      if (next.as_is || visited.count(next.code)) continue;
      if (std::find(next.caused_by.begin(), next.caused_by.end(), node) == next.caused_by.end()) continue;
      visited.insert(next.code);
      path.push_back(next.code);
      if (walk(next.code)) return true;
      path.pop_back();
    }
    return false;
  };
  return walk(from) ? path : std::vector<std::string>{};
}

std::string cycle_if_linked(const std::vector<ReviewedCause>& causes, const std::string& code,
                            const std::vector<std::string>& caused_by) {
  // New links A -> code close a cycle when code already leads to A.
  std::vector<ReviewedCause> others = causes;
  for (auto& r : others)
    if (r.code == code) r.caused_by.clear();
  for (const auto& from : caused_by) {
    std::vector<std::string> path = find_link_path(others, code, from);
    if (path.empty()) continue;
    std::string text;
    for (const auto& step : path) text += step + " -> ";
    return text + code;
  }
  return "";
}

}  // namespace esc
