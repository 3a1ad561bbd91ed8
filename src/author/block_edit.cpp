#include "esc/author/block_edit.hpp"

#include <algorithm>

namespace esc {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

std::string_view line_text(std::string_view text, const TextLine& line) {
  return text.substr(line.begin, line.end - line.begin);
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// A comment line (after optional indentation), or a blank line.
bool is_trivia(std::string_view line) {
  std::size_t first = line.find_first_not_of(" \t");
  return first == std::string_view::npos || line[first] == '#';
}

bool is_marker(std::string_view line, std::string_view marker) {
  return line.substr(0, 3) == marker && (line.size() == 3 || line[3] == ' ' || line[3] == '\t');
}

// The key of a top-level `key: value` line, or nullopt.
std::optional<std::string> top_level_key(std::string_view line) {
  if (line.empty() || std::string_view(" \t#%-?{}[],&*!|>@`").find(line[0]) != std::string_view::npos)
    return std::nullopt;
  std::size_t colon = std::string_view::npos;
  std::string key;
  if (line[0] == '"' || line[0] == '\'') {
    std::size_t i = 1;
    for (; i < line.size(); ++i) {
      if (line[0] == '"' && line[i] == '\\') {
        ++i;
        continue;
      }
      if (line[i] == line[0]) {
        if (line[0] == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
          ++i;
          continue;
        }
        break;
      }
    }
    if (i >= line.size()) return std::nullopt;
    key = std::string(line.substr(1, i - 1));  // escapes are rare in keys; the parser cross-check catches them
    colon = line.find_first_not_of(" \t", i + 1);
    if (colon == std::string_view::npos || line[colon] != ':') return std::nullopt;
  } else {
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t')) {
        colon = i;
        break;
      }
    if (colon == std::string_view::npos) return std::nullopt;
    key = std::string(line.substr(0, colon));
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
  }
  if (colon + 1 < line.size() && line[colon + 1] != ' ' && line[colon + 1] != '\t') return std::nullopt;
  return key;
}

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

}  // namespace

std::vector<TextLine> split_lines(std::string_view text) {
  std::vector<TextLine> lines;
  std::size_t start = text.substr(0, 3) == k_bom ? 3 : 0;
  std::size_t number = 1;
  while (start < text.size()) {
    std::size_t newline = text.find('\n', start);
    std::size_t next = newline == std::string_view::npos ? text.size() : newline + 1;
    std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    if (end > start && text[end - 1] == '\r') --end;
    lines.push_back({start, end, next, number++});
    start = next;
  }
  return lines;
}

std::vector<TextSpan> split_documents(std::string_view text) {
  std::vector<TextSpan> documents;
  std::size_t start = text.substr(0, 3) == k_bom ? 3 : 0;
  bool explicit_start = false;
  bool has_content = false;
  auto close = [&](std::size_t end) {
    if (explicit_start || has_content) documents.push_back({start, end});
  };
  for (const TextLine& line : split_lines(text)) {
    std::string_view content = line_text(text, line);
    bool starts = is_marker(content, "---");
    if (starts || is_marker(content, "...")) {
      close(line.begin);
      start = line.next;
      explicit_start = starts;
      has_content = false;
    } else if (!is_trivia(content) && content[0] != '%') {
      has_content = true;
    }
  }
  close(text.size());
  return documents;
}

std::vector<KeyBlock> top_level_blocks(std::string_view text, TextSpan document) {
  std::vector<TextLine> lines;
  for (const TextLine& line : split_lines(text))
    if (line.begin >= document.begin && line.begin < document.end) lines.push_back(line);
  std::vector<KeyBlock> blocks;
  std::vector<std::size_t> key_lines;  // indexes into `lines`
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (auto key = top_level_key(line_text(text, lines[i]))) {
      blocks.push_back({*key, {lines[i].begin, document.end}, lines[i].number});
      key_lines.push_back(i);
    }
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    std::size_t first = key_lines[b];
    std::size_t last = b + 1 < blocks.size() ? key_lines[b + 1] : lines.size();  // exclusive
    // Trailing blank lines and column-1 comments belong to what follows.
    while (last > first + 1) {
      std::string_view content = line_text(text, lines[last - 1]);
      if (!is_blank(content) && content[0] != '#') break;
      --last;
    }
    blocks[b].span.end = std::min(lines[last - 1].next, document.end);
  }
  return blocks;
}

std::string_view trailing_comment(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (quote == '"' && c == '\\')
        ++i;
      else if (quote == '\'' && c == '\'' && i + 1 < line.size() && line[i + 1] == '\'')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if ((c == '"' || c == '\'') && (i == 0 || line[i - 1] == ' ' || line[i - 1] == ':' || line[i - 1] == '[' ||
                                           line[i - 1] == ',' || line[i - 1] == '{')) {
      quote = c;
    } else if (c == '#' && i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
      std::size_t start = i;
      while (start > 0 && (line[start - 1] == ' ' || line[start - 1] == '\t')) --start;
      return line.substr(start);
    }
  }
  return {};
}

std::optional<BlockItems> split_block_items(std::string_view text, const KeyBlock& block) {
  std::vector<TextLine> lines;
  for (const TextLine& line : split_lines(text))
    if (line.begin >= block.span.begin && line.begin < block.span.end) lines.push_back(line);
  if (lines.empty()) return std::nullopt;
  BlockItems result;
  std::string_view key_line = line_text(text, lines[0]);
  std::string_view comment = trailing_comment(key_line);
  std::string_view value = key_line.substr(0, key_line.size() - comment.size());
  std::size_t colon = value.rfind(':');
  if (colon == std::string_view::npos || !is_blank(value.substr(colon + 1))) return std::nullopt;
  result.key_line = {lines[0].begin, lines[0].next};
  result.key_line_comment = std::string(comment);
  std::optional<std::size_t> indent;
  std::size_t run_start = 1;  // the first of the comment and blank lines just above the current line
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view content = line_text(text, lines[i]);
    if (is_trivia(content)) continue;
    if (content.find('\t') < content.find_first_not_of(" \t")) return std::nullopt;
    std::size_t n = indent_of(content);
    bool item = n < content.size() && content[n] == '-' && (n + 1 == content.size() || content[n + 1] == ' ');
    if (!indent) {
      if (!item) return std::nullopt;
      indent = n;
    }
    if (n < *indent || (n == *indent && !item)) return std::nullopt;
    if (n == *indent) {
      std::size_t start = lines[run_start].begin;
      if (!result.items.empty()) result.items.back().end = start;
      result.items.push_back({start, block.span.end});
    }
    run_start = i + 1;
  }
  if (!indent) return std::nullopt;
  result.indent = *indent;
  return result;
}

std::string_view line_ending_of(std::string_view text) {
  std::size_t newline = text.find('\n');
  return newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r' ? "\r\n" : "\n";
}

std::string with_line_ending(std::string_view text, std::string_view ending) {
  if (ending == "\n") return std::string(text);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '\n')
      out += ending;
    else
      out += c;
  }
  return out;
}

std::string replace_blocks(std::string_view text, TextSpan document, const std::vector<KeyBlock>& blocks,
                           const std::vector<BlockReplacement>& replacements) {
  struct Edit {
    TextSpan span;
    std::string text;
    std::size_t order;
  };
  std::vector<Edit> edits;
  std::size_t insert_at = document.end;
  if (!blocks.empty()) insert_at = blocks.back().span.end;
  for (std::size_t r = 0; r < replacements.size(); ++r) {
    const BlockReplacement& replacement = replacements[r];
    auto it = std::find_if(blocks.begin(), blocks.end(), [&](const KeyBlock& b) { return b.key == replacement.key; });
    if (it != blocks.end()) {
      std::string block = replacement.text;
      // A block that ended the file without a line break keeps it that way.
      if (it->span.end == text.size() && !text.empty() && text.back() != '\n') {
        std::string_view ending = line_ending_of(text);
        if (block.size() >= ending.size() && block.compare(block.size() - ending.size(), ending.size(), ending) == 0)
          block.resize(block.size() - ending.size());
      }
      edits.push_back({it->span, std::move(block), r});
    } else {
      std::string block = replacement.text;
      if (insert_at > 0 && text[insert_at - 1] != '\n') block = std::string(line_ending_of(text)) + block;
      edits.push_back({{insert_at, insert_at}, std::move(block), r});
    }
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.order < b.order;
  });
  std::string out;
  std::size_t at = 0;
  for (const Edit& edit : edits) {
    out.append(text.substr(at, edit.span.begin - at));
    out += edit.text;
    at = std::max(at, edit.span.end);
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace esc
