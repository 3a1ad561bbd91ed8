#pragma once
// Applying a review to the text of a case file: only the `causes:` and
// `reviewed:` blocks of one document change; every other byte stays.
#include <optional>
#include <string>
#include <vector>

#include "esc/author/block_edit.hpp"
#include "esc/author/review_session.hpp"
#include "esc/load/limits.hpp"
#include "esc/model/case.hpp"
#include "esc/model/diagnostic.hpp"

namespace esc {

/// A case file opened for review: its exact bytes and the document chosen.
struct ReviewTarget {
  std::string path;
  std::string text;                       // the file's bytes as read (byte-order mark and CRLF kept)
  std::size_t document = 0;               // 0-based
  std::size_t documents = 0;              // how many the file holds
  Case original;                          // the chosen document, as read
  TextSpan span;                          // its bytes
  std::vector<KeyBlock> blocks;           // its top-level keys, checked against the parser
  std::optional<BlockItems> cause_items;  // one item per original cause, when `causes:` is a block list
};

/// Opens a case file for review: reads it within `limits`, parses every
/// document, picks one by `selector` (empty: the first; "N": the Nth, 1-based;
/// otherwise a case id) and checks that scanning its lines finds the same
/// top-level keys as the YAML parser. Returns nullopt and explains why in
/// `problem` (with any findings in `diagnostics`) when the file cannot be edited safely.
std::optional<ReviewTarget> open_review_target(const std::string& path, const std::string& selector,
                                               const LoadLimits& limits, std::vector<Diagnostic>& diagnostics,
                                               std::string& problem);

/// Whether the target's `actions:` block (if any) is a block list review can
/// edit item by item (re-point an action's `cause:` or drop the action).
bool actions_editable(const ReviewTarget& target);

/// The file's new text: the target document's `causes:` block (and
/// `reviewed:` block, when it changed) rewritten from `result`. Unchanged
/// causes keep their exact text; a changed cause keeps its comments; a
/// removed cause leaves its comments behind. Absent blocks are added at the
/// end of the document.
std::string apply_review(const ReviewTarget& target, const ReviewResult& result);

/// Reads `text` back and checks that the target document now holds exactly
/// the reviewed causes and review. Returns the case read, or nullopt with the
/// reason in `problem`.
std::optional<Case> read_back(const ReviewTarget& target, const std::string& text, const ReviewResult& result,
                              std::string& problem);

}  // namespace esc
