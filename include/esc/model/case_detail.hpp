#pragma once
#include "esc/model/case.hpp"

namespace esc {

/// How much of a case a command keeps once its per-case rules have run.
enum class CaseDetail {
  full,      // everything (review, new, the library's default)
  analysis,  // what report and graph read beside each case's CaseDigest:
             // identity and the title
  identity,  // what the set rules read: id, account id, name and segment,
             // dates and outcome, positions
};

/// Frees the parts of `c` that `detail` does not keep (their memory, not only
/// their contents). Scalars and positions are always kept.
void trim_case(Case& c, CaseDetail detail);

}  // namespace esc
