#pragma once
// Textual editing of a YAML case file: find a top-level key's block by
// scanning lines and replace it, keeping every other byte of the file.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace esc {

/// A byte range [begin, end) of a text.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// One line: [begin, end) is its text without the line break (and without a
/// UTF-8 byte-order mark on the first line); `next` is where the next line starts.
struct TextLine {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t next = 0;
  std::size_t number = 0;  // 1-based
};

/// The lines of `text`, split at "\n" (a "\r" before it is not part of the line).
std::vector<TextLine> split_lines(std::string_view text);

/// The YAML documents of `text` as the YAML reader counts them: a `---` line always
/// starts one; text before the first `---` or after a `...` line is one only
/// if it holds more than comments. Each span starts after its `---` line.
std::vector<TextSpan> split_documents(std::string_view text);

/// A top-level key of a document and its block: from the key line (which
/// starts at column 1) to its last line of content, before the next top-level
/// key. Blank lines and column-1 comments after the content are not part of
/// the block (they usually introduce what follows).
struct KeyBlock {
  std::string key;
  TextSpan span;
  std::size_t line = 0;  // 1-based line of the key
};

/// The top-level keys of the document `document`, in order.
std::vector<KeyBlock> top_level_blocks(std::string_view text, TextSpan document);

/// The items of a block list under a key (`key:` then `  - ...` lines): one
/// span per item, including the blank and comment lines just above it.
/// nullopt when the value is not a plain block list (flow style, scalar,
/// tabs, or lines the scan does not understand).
struct BlockItems {
  TextSpan key_line;             // the `key:` line with its line break
  std::string key_line_comment;  // its trailing ` # comment`, if any
  std::size_t indent = 0;        // columns before each item's `-`
  std::vector<TextSpan> items;
};
std::optional<BlockItems> split_block_items(std::string_view text, const KeyBlock& block);

/// The ` # comment` at the end of a line (outside quotes), or empty.
std::string_view trailing_comment(std::string_view line);

/// "\r\n" when the text's first line ends that way, "\n" otherwise.
std::string_view line_ending_of(std::string_view text);

/// `text` (lines ending in "\n") with every "\n" turned into `ending`.
std::string with_line_ending(std::string_view text, std::string_view ending);

/// A new block for a top-level key: complete lines, in the file's line ending.
struct BlockReplacement {
  std::string key;
  std::string text;
};

/// `text` with each replacement's block put where the key's block was (see
/// top_level_blocks), or inserted after the document's last block when the key
/// is absent, in the order given. Every other byte is kept. A block at the end
/// of a file without a final line break keeps it that way.
std::string replace_blocks(std::string_view text, TextSpan document, const std::vector<KeyBlock>& blocks,
                           const std::vector<BlockReplacement>& replacements);

}  // namespace esc
