#pragma once
#include <vector>

#include "esc/analyze/report.hpp"
#include "esc/model/case.hpp"
#include "esc/model/case_digest.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// Computes the full report (SPEC 5) over the cases that pass the filters.
/// `cases` must hold only digests of cases without validation errors, built
/// with `taxonomy` and `strings`; their sources must be kept at least at
/// CaseDetail::analysis. `skipped` is the number left out for errors,
/// reported in the summary. Deterministic.
Report analyze(const std::vector<const CaseDigest*>& cases, const StringPool& strings, const Taxonomy& taxonomy,
               const AnalysisOptions& options, std::size_t skipped = 0);

/// The same over whole cases: digests them first.
Report analyze(const std::vector<const Case*>& cases, const Taxonomy& taxonomy, const AnalysisOptions& options,
               std::size_t skipped = 0);

}  // namespace esc
