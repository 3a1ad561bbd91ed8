#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "esc/load/source_text.hpp"
#include "esc/model/case.hpp"
#include "esc/model/diagnostic.hpp"

namespace esc {

/// One valid `# esc-autopsy: disable=RULE[,RULE...] -- reason` comment
/// (or `disable-file=`) found in a case file.
struct Suppression {
  std::uint32_t line = 0;      // the line whose findings it silences (unused when file_wide)
  bool file_wide = false;      // `disable-file=`: the whole file
  std::vector<Located> rules;  // rule ids, each with its position in the comment
  std::string reason;          // the text after ` -- `; never empty
  SourceMark mark;             // the `#` that starts the comment
};

/// Finds the suppression comments of a file. A comment after content on a
/// line applies to that line; a comment alone on its line applies to the next
/// line with content. A malformed comment, an unknown rule id (with
/// did-you-mean) or a missing reason is reported as `bad-suppression` into
/// `out`, and such a comment (or rule) silences nothing.
std::vector<Suppression> scan_suppressions(const SourceText& source, std::vector<Diagnostic>& out);

}  // namespace esc
