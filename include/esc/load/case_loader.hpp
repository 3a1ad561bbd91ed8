#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "esc/load/limits.hpp"
#include "esc/load/suppressions.hpp"
#include "esc/model/case.hpp"
#include "esc/model/case_detail.hpp"
#include "esc/model/case_digest.hpp"
#include "esc/model/case_list.hpp"
#include "esc/model/diagnostic.hpp"

namespace esc {

/// Called as files finish loading with (files done, total files): from the
/// loading threads, one call at a time, at most about ten times a second,
/// and once more with done == total when all are loaded.
using LoadProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Per-case rules run by the loading threads on each case as soon as it is
/// built; findings go into `out` with `case_index` (the case's index in its
/// file; the loader makes it the set's index). Must be safe to call from
/// several threads at once.
using CaseCheck =
    std::function<void(const Case& c, int case_index, const std::string& file, std::vector<Diagnostic>& out)>;

struct LoadOptions {
  LoadLimits limits;
  unsigned jobs = 0;                   // worker threads; 0 = one per core
  std::vector<std::string> ignore;     // glob patterns of files to skip (see matches_ignore)
  std::string ignore_base;             // the folder those patterns are relative to
  LoadProgress progress;               // optional; see LoadProgress
  CaseCheck check;                     // optional; see CaseCheck
  CaseDetail keep = CaseDetail::full;  // what is kept of each case after `check`
  const Taxonomy* digest = nullptr;    // optional: build each case's CaseDigest with it, before trimming
};

/// One input file: its display path and, for standard input only, its text
/// (files on disk are re-read when a diagnostic needs a source line).
struct LoadedFile {
  std::string path;
  std::string stdin_text;
  std::size_t cases = 0;
  std::vector<Suppression> suppressions;  // its `# esc-autopsy: disable=...` comments
};

/// Everything read from the inputs, in a deterministic order (sorted walk,
/// document order) whatever the number of threads.
struct CaseSet {
  std::vector<LoadedFile> files;
  CaseList cases;
  bool cases_checked = false;           // LoadOptions::check has run on every case
  std::vector<Diagnostic> diagnostics;  // load-time findings; case_index set where known
  std::vector<std::string> ignored;     // files skipped by an ignore pattern, in walk order
  std::vector<std::string> skipped;     // files of walked folders skipped for their extension (not .yaml/.yml)
  // With LoadOptions::digest: digests[i] is the digest of cases[i] (its
  // `source`), its strings interned in `strings`. A copy of the set shares
  // them, and its digests still point at the original's cases.
  std::vector<CaseDigest> digests;
  std::shared_ptr<StringPool> strings = std::make_shared<StringPool>();
};

/// Finds, reads and parses every case file under `paths`, in parallel.
CaseSet load_case_set(const std::vector<std::string>& paths, const LoadOptions& options);

}  // namespace esc
