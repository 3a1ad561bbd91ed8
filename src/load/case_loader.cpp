#include "esc/load/case_loader.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "esc/load/case_builder.hpp"
#include "esc/load/node_reader.hpp"
#include "esc/load/path_walker.hpp"
#include "esc/load/source_text.hpp"
#include "esc/load/yaml_node.hpp"

namespace esc {
namespace {

struct FileResult {
  LoadedFile file;
  std::vector<Case> cases;
  std::vector<CaseDigest> digests;      // with LoadOptions::digest, one per case
  std::vector<Diagnostic> diagnostics;  // case_index local to this file
  std::vector<Diagnostic> checked;      // from LoadOptions::check; likewise
};

FileResult load_one(const std::string& path, const LoadOptions& options, StringPool& strings) {
  const LoadLimits& limits = options.limits;
  FileResult result;
  result.file.path = path == "-" ? std::string(k_stdin_name) : path;
  auto source = read_source(path, limits, result.diagnostics);
  if (!source) return result;
  if (path == "-") result.file.stdin_text = source->text();
  result.file.suppressions = scan_suppressions(*source, result.diagnostics);
  std::size_t attributed = 0;  // diagnostics before this index belong to earlier documents
  std::size_t found_before = result.diagnostics.size();
  std::size_t documents = 0;
  std::vector<std::pair<std::uint32_t, int>> document_cases;  // (first line, case index or -1) per document
  struct TooManyFindings {
    SourceMark mark;
  };
  try {
    read_yaml_documents(
        *source, limits,
        [&](YamlNode&& root, std::size_t index) {
          ++documents;
          int case_index = static_cast<int>(result.cases.size());
          NodeReader reader(source->path(), result.diagnostics, case_index);
          auto c = build_case(root, reader);
          // This document's findings (the parser's duplicate keys included) belong
          // to its case; a document that is not a case has none to belong to.
          for (std::size_t i = attributed; i < result.diagnostics.size(); ++i)
            result.diagnostics[i].case_index = c ? case_index : -1;
          attributed = result.diagnostics.size();
          document_cases.emplace_back(root.mark.line, c ? case_index : -1);
          if (c) {
            c->document = index;
            // Checked now, while the case is in this thread's cache, and then
            // trimmed to what the command reads: the set never holds the rest.
            if (options.check) options.check(*c, case_index, source->path(), result.checked);
            if (options.digest) result.digests.push_back(CaseDigest::of(*c, *options.digest, strings));
            trim_case(*c, options.keep);
            result.cases.push_back(std::move(*c));
          }
          // Hostile input can make a finding of every line (unknown keys):
          // bound the memory and time a file can cost.
          if (result.diagnostics.size() > limits.max_findings) throw TooManyFindings{root.mark};
        },
        result.diagnostics);
  } catch (const TooManyFindings& stop) {
    result.diagnostics.push_back({Severity::error, "input-limit", source->path(), stop.mark,
                                  fmt::format("more than {} findings in this file; the documents after this "
                                              "one were not checked",
                                              limits.max_findings),
                                  "fix these first, or raise limits.max-findings in the config file"});
  }
  if (documents == 0 && result.diagnostics.size() == found_before) {
    bool blank = source->text().find_first_not_of(" \t\r\n") == std::string::npos;
    result.diagnostics.push_back(
        {Severity::warning,
         "empty-file",
         source->path(),
         {},
         blank ? "the file is empty: it holds no case" : "the file holds only comments: it holds no case",
         "write a case in it (`esc-autopsy new` starts one), or delete the file"});
  }
  // Bidi controls (warnings: the file is still read) belong to the case of
  // the document they are in, so a policy making them errors leaves it out.
  std::size_t bidi_from = result.diagnostics.size();
  check_bidi_controls(*source, limits.max_findings, result.diagnostics);
  for (std::size_t i = bidi_from; i < result.diagnostics.size(); ++i) {
    auto& d = result.diagnostics[i];
    auto after = std::upper_bound(document_cases.begin(), document_cases.end(), d.mark.line,
                                  [](std::uint32_t line, const auto& doc) { return line < doc.first; });
    d.case_index = after == document_cases.begin() ? (document_cases.empty() ? -1 : document_cases.front().second)
                                                   : std::prev(after)->second;
  }
  return result;
}

// Reports progress at most every 100 ms, one call at a time.
class ProgressThrottle {
 public:
  ProgressThrottle(const LoadProgress& progress, std::size_t total) : m_progress(progress), m_total(total) {}

  void file_done() {
    std::size_t done = ++m_done;
    if (!m_progress) return;
    auto now = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(m_mutex, std::try_to_lock);
    if (!lock.owns_lock() || now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    m_progress(done, m_total);
  }

  void finish() {
    if (m_progress) m_progress(m_total, m_total);
  }

 private:
  const LoadProgress& m_progress;
  std::size_t m_total;
  std::atomic<std::size_t> m_done{0};
  std::mutex m_mutex;
  std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

unsigned worker_count(unsigned requested, std::size_t files) {
  unsigned n = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(files, 1)));
}

}  // namespace

CaseSet load_case_set(const std::vector<std::string>& paths, const LoadOptions& options) {
  CaseSet set;
  std::vector<std::string> files;
  for (auto& file : collect_input_files(paths, set.diagnostics, &set.skipped)) {
    if (file != "-" && matches_ignore(file, options.ignore, options.ignore_base))
      set.ignored.push_back(std::move(file));
    else
      files.push_back(std::move(file));
  }
  std::vector<FileResult> results(files.size());
  std::atomic<std::size_t> next{0};
  ProgressThrottle progress(options.progress, files.size());
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      results[i] = load_one(files[i], options, *set.strings);
      results[i].cases.shrink_to_fit();  // multi-document files grew it by doubling
      progress.file_done();
    }
  };
  unsigned workers = worker_count(options.jobs, files.size());
  if (workers <= 1) {
    work();
  } else {
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < workers; ++t) threads.emplace_back(work);
    for (auto& thread : threads) thread.join();
  }
  progress.finish();
  set.cases_checked = static_cast<bool>(options.check);
  std::size_t total_cases = 0;
  for (const auto& r : results) total_cases += r.cases.size();
  set.cases.reserve(total_cases);
  if (options.digest) set.digests.reserve(total_cases);
  set.files.reserve(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    FileResult& r = results[i];
    int offset = static_cast<int>(set.cases.size());
    for (auto* found : {&r.diagnostics, &r.checked})
      for (auto& d : *found) {
        if (d.case_index >= 0) d.case_index += offset;
        set.diagnostics.push_back(std::move(d));
      }
    for (auto& c : r.cases) c.file_index = i;
    r.file.cases = r.cases.size();
    set.cases.append_block(std::move(r.cases));  // the block itself: no case is moved
    for (std::size_t k = 0; k < r.digests.size(); ++k) {
      set.digests.push_back(std::move(r.digests[k]));
      set.digests.back().source = &set.cases[static_cast<std::size_t>(offset) + k];
    }
    set.files.push_back(std::move(r.file));
    r = FileResult{};
  }
  return set;
}

}  // namespace esc
