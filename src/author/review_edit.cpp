// Writing a review's causes and reviewed blocks back into the file's text.
#include <algorithm>
#include <map>

#include "esc/author/review_edit.hpp"
#include "esc/author/yaml_emit.hpp"

namespace esc {
namespace {

// The comments of one original list item: whole comment lines (kept as they
// are) and end-of-line comments by the key of their line.
struct ItemComments {
  std::string leading;  // blank and comment lines above the item's `-` line, as written
  std::string inner;    // comment lines inside the item, as written
  std::map<std::string, std::string> by_key;
};

std::string_view line_of(std::string_view text, const TextLine& line) {
  return text.substr(line.begin, line.end - line.begin);
}

ItemComments item_comments(std::string_view text, TextSpan item) {
  ItemComments out;
  bool seen_dash = false;
  for (const TextLine& line : split_lines(text.substr(0, item.end))) {
    if (line.begin < item.begin) continue;
    std::string_view content = line_of(text, line);
    std::string_view whole = text.substr(line.begin, line.next - line.begin);
    std::size_t first = content.find_first_not_of(" \t");
    bool trivia = first == std::string_view::npos || content[first] == '#';
    if (trivia) {
      (seen_dash ? out.inner : out.leading) += std::string(whole);
      continue;
    }
    seen_dash = true;
    std::string_view comment = trailing_comment(content);
    if (comment.empty()) continue;
    std::string_view field = content.substr(first);
    if (field.substr(0, 2) == "- ") field.remove_prefix(2);
    std::size_t colon = field.find(':');
    std::string key = colon == std::string_view::npos ? "" : std::string(field.substr(0, colon));
    out.by_key[key] += std::string(comment);
  }
  return out;
}

std::string comment_line(std::size_t indent, std::string_view comment) {
  std::size_t hash = comment.find('#');
  return std::string(indent, ' ') + std::string(comment.substr(hash)) + "\n";
}

// One generated list item; end-of-line comments go back on their key's line.
std::string emit_item(const ReviewedCause& r, std::size_t indent, std::map<std::string, std::string> comments) {
  std::string pad(indent + 2, ' ');
  std::string out;
  auto field = [&](const std::string& key, const std::string& value, bool first = false) {
    out += (first ? std::string(indent, ' ') + "- " : pad) + key + ": " + value;
    auto it = comments.find(key);
    if (it != comments.end()) {
      out += it->second;
      comments.erase(it);
    }
    out += "\n";
  };
  field("code", yaml_scalar(r.code), true);
  field("confidence", std::string(to_string(r.confidence)));
  if (!r.evidence.empty()) field("evidence", yaml_scalar(r.evidence));
  if (!r.owner.empty()) field("owner", yaml_scalar(r.owner));
  if (!r.caused_by.empty()) field("caused_by", yaml_flow_list(r.caused_by));
  if (!r.note.empty()) field("note", yaml_scalar(r.note));
  std::string orphans;  // comments of fields that are gone
  for (const auto& [key, comment] : comments) orphans += comment_line(indent + 2, comment);
  return orphans + out;
}

std::string causes_block(const ReviewTarget& target, const ReviewResult& result) {
  const std::string& text = target.text;
  const auto& items = target.cause_items;
  std::size_t indent = items ? items->indent : 2;
  std::string out;
  if (items) out = text.substr(items->key_line.begin, items->key_line.end - items->key_line.begin);
  std::string_view ending = line_ending_of(text);
  std::string generated;  // in "\n" line endings, converted at the end of each piece
  auto flush = [&] {
    out += with_line_ending(generated, ending);
    generated.clear();
  };
  if (!items) {
    std::string key_comment;
    for (const auto& block : target.blocks)
      if (block.key == "causes") {
        std::string_view first = std::string_view(text).substr(block.span.begin, block.span.end - block.span.begin);
        key_comment = std::string(trailing_comment(first.substr(0, first.find_first_of("\r\n"))));
      }
    generated = (result.causes.empty() ? "causes: []" : "causes:") + key_comment + "\n";
  }
  if (result.causes.empty() && items) {
    out = with_line_ending("causes: []" + items->key_line_comment + "\n", ending);
    for (const auto& item : items->items) {
      ItemComments c = item_comments(text, item);
      out += c.leading + c.inner;
      for (const auto& [key, comment] : c.by_key) generated += comment_line(indent, comment);
    }
    flush();
    return out;
  }
  std::map<int, const ReviewedCause*> by_original;
  for (const auto& r : result.causes)
    if (r.original >= 0) by_original[r.original] = &r;
  std::size_t count = items ? items->items.size() : 0;
  for (std::size_t i = 0; i < count; ++i) {
    TextSpan item = items->items[i];
    auto it = by_original.find(static_cast<int>(i));
    const Cause& original = target.original.causes[i];
    if (it != by_original.end() && (it->second->as_is || !cause_changed(*it->second, original))) {
      flush();
      out += text.substr(item.begin, item.end - item.begin);
      if (out.empty() || out.back() != '\n') out += std::string(ending);
      continue;
    }
    ItemComments c = item_comments(text, item);
    flush();
    out += c.leading + c.inner;
    if (it != by_original.end()) {
      generated += emit_item(*it->second, indent, c.by_key);
    } else {
      for (const auto& [key, comment] : c.by_key) generated += comment_line(indent, comment);
    }
  }
  for (const auto& r : result.causes)
    if (!items || r.original < 0) generated += emit_item(r, indent, {});
  flush();
  return out;
}

std::string reviewed_block(const ReviewTarget& target, const ReviewResult& result) {
  std::string comments;                       // whole comment lines, kept in order
  std::map<std::string, std::string> by_key;  // end-of-line comments of `date:` and `attendees:`
  std::string key_comment;
  for (const auto& block : target.blocks) {
    if (block.key != "reviewed") continue;
    bool first = true;
    for (const TextLine& line : split_lines(std::string_view(target.text).substr(0, block.span.end))) {
      if (line.begin < block.span.begin) continue;
      std::string_view content = line_of(target.text, line);
      std::string_view comment = trailing_comment(content);
      std::size_t start = content.find_first_not_of(" \t");
      if (first) {
        key_comment = std::string(comment);
      } else if (start != std::string_view::npos && content[start] == '#') {
        comments += std::string(content) + "\n";
      } else if (!comment.empty()) {
        std::string_view field = content.substr(start);
        std::string key(field.substr(0, field.find(':')));
        if (key == "date" || key == "attendees")
          by_key[key] += std::string(comment);
        else
          comments += comment_line(2, comment);
      }
      first = false;
    }
  }
  std::string out = "reviewed:" + key_comment + "\n" + comments;
  out += "  date: " + yaml_scalar(result.review_date) + by_key["date"] + "\n";
  out += "  attendees: " + yaml_flow_list(result.attendees) + by_key["attendees"] + "\n";
  return with_line_ending(out, line_ending_of(target.text));
}

// The `actions:` block with the review's fixes: a dropped action's item goes
// (its comments with it), a re-pointed one gets a new `cause:` value and keeps
// the rest of its lines. Empty when the block is not a plain block list.
std::string actions_block(const ReviewTarget& target, const ReviewResult& result) {
  const std::string& text = target.text;
  auto block =
      std::find_if(target.blocks.begin(), target.blocks.end(), [](const KeyBlock& b) { return b.key == "actions"; });
  if (block == target.blocks.end()) return "";
  auto items = split_block_items(text, *block);
  if (!items || items->items.size() != target.original.actions.size()) return "";
  std::map<std::size_t, std::string> fixes;
  for (const auto& fix : result.action_fixes) fixes[fix.action] = fix.cause;
  std::string out = text.substr(items->key_line.begin, items->key_line.end - items->key_line.begin);
  std::size_t kept = 0;
  std::string_view ending = line_ending_of(text);
  for (std::size_t i = 0; i < items->items.size(); ++i) {
    TextSpan item = items->items[i];
    std::string piece = text.substr(item.begin, item.end - item.begin);
    if (piece.empty() || piece.back() != '\n') piece += std::string(ending);
    auto fix = fixes.find(i);
    if (fix == fixes.end()) {
      out += piece;
      ++kept;
      continue;
    }
    if (fix->second.empty()) continue;
    std::string edited;
    bool done = false;
    for (const TextLine& line : split_lines(piece)) {
      std::string_view content = std::string_view(piece).substr(line.begin, line.end - line.begin);
      std::string whole = piece.substr(line.begin, line.next - line.begin);
      std::size_t first = content.find_first_not_of(" \t");
      std::size_t key = first;
      if (key != std::string_view::npos && content.substr(key, 2) == "- ")
        key = content.find_first_not_of(' ', key + 2);
      if (!done && key != std::string_view::npos && content.substr(key, 6) == "cause:") {
        std::string_view comment = trailing_comment(content);
        whole = std::string(content.substr(0, key)) + "cause: " + yaml_scalar(fix->second) + std::string(comment) +
                whole.substr(content.size());
        done = true;
      }
      edited += whole;
    }
    if (!done) return "";
    out += edited;
    ++kept;
  }
  if (kept == 0) out = with_line_ending("actions: []" + items->key_line_comment + "\n", ending);
  return out;
}

}  // namespace

bool actions_editable(const ReviewTarget& target) {
  for (const auto& block : target.blocks)
    if (block.key == "actions") {
      auto items = split_block_items(target.text, block);
      return items && items->items.size() == target.original.actions.size();
    }
  return target.original.actions.empty();
}

std::string apply_review(const ReviewTarget& target, const ReviewResult& result) {
  std::vector<BlockReplacement> replacements;
  bool had_causes = false;
  for (const auto& block : target.blocks) had_causes = had_causes || block.key == "causes";
  bool causes_changed = result.causes.size() != target.original.causes.size();
  for (const auto& r : result.causes)
    causes_changed = causes_changed || r.original < 0 ||
                     (!r.as_is && cause_changed(r, target.original.causes[static_cast<std::size_t>(r.original)]));
  if (causes_changed && (had_causes || !result.causes.empty()))
    replacements.push_back({"causes", causes_block(target, result)});
  if (review_changed(target.original, result)) replacements.push_back({"reviewed", reviewed_block(target, result)});
  if (!result.action_fixes.empty()) {
    std::string actions = actions_block(target, result);
    if (!actions.empty()) replacements.push_back({"actions", actions});  // else read_back refuses the result
  }
  if (replacements.empty()) return target.text;
  return replace_blocks(target.text, target.span, target.blocks, replacements);
}

}  // namespace esc
