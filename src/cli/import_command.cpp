// `esc-autopsy import`: CSV exports of a CRM or helpdesk → case files.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "esc/author/import_cases.hpp"
#include "esc/cli/commands.hpp"
#include "esc/cli/output.hpp"
#include "esc/load/config_loader.hpp"
#include "esc/render/diagnostics_render.hpp"

namespace esc {
namespace {
namespace fs = std::filesystem;

struct ImportOptions {
  std::vector<std::string> exports;
  std::string map_path;
  std::string preset;
  std::string output;
  std::string accounts;
  std::string delimiter;
  std::string format = "text";
  std::string print_map;
  bool dry_run = false;
};

// "," ";" "tab" "\t" "|" → the character; throws CliError otherwise.
char parse_delimiter(const std::string& text) {
  if (text.empty()) return 0;
  if (text == "tab" || text == "\\t" || text == "\t") return '\t';
  if (text.size() == 1 && text != "\"" && text != "\n" && text != "\r") return text[0];
  throw CliError(fmt::format("--delimiter must be one character (`,`, `;`, `|`) or `tab`, not `{}`", text));
}

std::string working_directory() {
  char buffer[4096];
  return ::getcwd(buffer, sizeof buffer) ? std::string(buffer) : std::string();
}

// Source lines of the inputs for the text renderer, indexed on first use.
class InputLines {
 public:
  void add(const std::string& path, const std::string* text) { m_texts[path] = text; }
  std::string line(const std::string& path, std::uint32_t number) {
    auto found = m_texts.find(path);
    if (found == m_texts.end() || !found->second || number == 0) return {};
    const std::string& text = *found->second;
    auto& starts = m_starts[path];
    if (starts.empty()) {
      starts.push_back(0);
      for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') starts.push_back(i + 1);
    }
    if (number > starts.size()) return {};
    std::size_t begin = starts[number - 1];
    std::size_t end = number < starts.size() ? starts[number] - 1 : text.size();
    std::string out = text.substr(begin, std::min<std::size_t>(end - begin, 300));
    if (!out.empty() && out.back() == '\r') out.pop_back();
    for (char& c : out)  // never echo control characters (a NUL byte) to the terminal
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) c = '?';
    return out;
  }

 private:
  std::unordered_map<std::string, const std::string*> m_texts;
  std::unordered_map<std::string, std::vector<std::size_t>> m_starts;
};

ImportMap load_map(const ImportOptions& options, std::string& map_text, std::vector<Diagnostic>& diagnostics,
                   const GlobalOptions& globals) {
  std::string path;
  if (!options.preset.empty()) {
    auto text = import_preset_text(options.preset);
    if (!text) throw CliError(fmt::format("no preset `{}`", options.preset));
    path = "preset:" + options.preset;
    map_text = *text;
  } else {
    path = options.map_path;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CliError(fmt::format("cannot read the map {}", path));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    map_text = buffer.str();
  }
  std::vector<Diagnostic> map_findings;
  std::string checked = map_text;
  std::optional<ImportMap> map;
  if (check_encoding(checked, path, map_findings)) map = load_import_map(SourceText(path, checked), map_findings);
  if (!map) {
    print_diagnostics_to_stderr(map_findings, globals);
    throw CliError(fmt::format("the map {} cannot be used", path));
  }
  diagnostics.insert(diagnostics.end(), map_findings.begin(), map_findings.end());
  return *map;
}

// Replaces an existing file with its update, unless it changed since it was read.
void write_update(const ImportPlanEntry& entry) {
  std::ifstream in(entry.path, std::ios::binary);
  std::ostringstream now;
  now << in.rdbuf();
  if (now.str() != entry.original) throw CliError(fmt::format("{} changed while import ran; not updated", entry.path));
  replace_file_atomically(entry.path, entry.content);
}

// Writes the plan's new files (in batches, one sync per batch) and updates;
// a file that fails becomes `skip` with an io-error finding.
void write_plan(std::vector<ImportPlanEntry>& plan, const std::string& folder, std::vector<Diagnostic>& diagnostics) {
  auto failed = [&](ImportPlanEntry& entry, const std::string& message) {
    diagnostics.push_back(Diagnostic{Severity::error, "io-error", entry.path, SourceMark{}, message, "", -1});
    entry.action = ImportPlanEntry::Action::skip;
    entry.reason = message;
  };
  bool creates = false;
  for (const auto& entry : plan) creates = creates || entry.action == ImportPlanEntry::Action::create;
  if (creates) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw CliError(fmt::format("cannot create {}: {}", folder, ec.message()));
  }
  constexpr std::size_t k_batch = 8192;
  std::vector<NewFile> batch;
  std::vector<ImportPlanEntry*> owners;
  auto flush = [&] {
    auto problems = write_new_files_atomically(batch);
    for (std::size_t i = 0; i < problems.size(); ++i)
      if (!problems[i].empty()) failed(*owners[i], problems[i]);
    batch.clear();
    owners.clear();
  };
  for (auto& entry : plan) {
    if (entry.action == ImportPlanEntry::Action::create) {
      batch.push_back(NewFile{entry.path, &entry.content});
      owners.push_back(&entry);
      if (batch.size() == k_batch) flush();
    } else if (entry.action == ImportPlanEntry::Action::update) {
      try {
        write_update(entry);
      } catch (const CliError& e) {
        failed(entry, e.what());
      }
    }
  }
  flush();
}

// The plan of every case's file, on up to -j threads (reading existing files
// is most of a re-import); the result is in case order whatever the threads.
std::vector<ImportPlanEntry> plan_files(const std::vector<ImportedCase>& cases, const std::string& folder,
                                        const LoadOptions& load, std::vector<Diagnostic>& diagnostics) {
  std::vector<ImportPlanEntry> plan(cases.size());
  std::vector<std::vector<Diagnostic>> findings(cases.size());
  unsigned threads = load.jobs ? load.jobs : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, cases.size() / 256 + 1));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < cases.size(); i = next++) {
      std::string path = (fs::path(folder) / (cases[i].id + ".yaml")).string();
      plan[i] = plan_case_file(cases[i], path, load.limits, findings[i]);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  for (auto& f : findings) diagnostics.insert(diagnostics.end(), f.begin(), f.end());
  return plan;
}

int run_import(const ImportOptions& options, const GlobalOptions& globals) {
  if (!options.print_map.empty()) {
    auto text = import_preset_text(options.print_map);
    if (!text)
      throw CliError(
          fmt::format("no preset `{}`; the presets are {}", options.print_map, fmt::join(import_preset_names(), ", ")));
    std::cout << *text;
    return 0;
  }
  if (options.map_path.empty() == options.preset.empty())
    throw CliError("give the map: --map MAP.yaml or --preset NAME (one of them)");
  if (options.exports.empty()) throw CliError("give one or more CSV exports to import");
  if (options.output.empty()) throw CliError("give the folder for the case files: -o DIR");

  const Taxonomy& taxonomy = active_taxonomy(globals);
  LoadOptions load = load_options(globals);
  std::vector<Diagnostic> diagnostics;
  std::string map_text;
  ImportMap map = load_map(options, map_text, diagnostics, globals);
  InputLines lines;
  lines.add(map.path, &map_text);
  if (!check_map_values(map, taxonomy, diagnostics)) {
    print_diagnostics_to_stderr(diagnostics, globals);
    throw CliError(fmt::format("the map {} cannot be used", map.path));
  }
  CsvOptions csv;
  csv.delimiter = options.delimiter.empty() ? map.delimiter : parse_delimiter(options.delimiter);

  std::vector<CsvTable> tables;
  tables.reserve(options.exports.size() + 1);
  std::optional<AccountTable> accounts;
  if (!options.accounts.empty()) {
    if (auto table = read_csv_file(options.accounts, CsvOptions{}, diagnostics)) {  // its own delimiter, detected
      accounts = read_account_table(*table, map, diagnostics);
      tables.push_back(std::move(*table));
    }
  }
  std::size_t first_export = tables.size();
  for (const auto& path : options.exports)
    if (auto table = read_csv_file(path, csv, diagnostics)) tables.push_back(std::move(*table));
  for (std::size_t i = 0; i < first_export; ++i) lines.add(tables[i].path, &tables[i].text);
  std::vector<CsvTable> exports(std::make_move_iterator(tables.begin() + first_export),
                                std::make_move_iterator(tables.end()));
  for (const auto& table : exports) lines.add(table.path, &table.text);
  std::size_t rows = 0;
  for (const auto& table : exports) rows += table.rows.size();

  std::vector<ImportedCase> cases =
      build_imported_cases(exports, map, taxonomy, accounts ? &*accounts : nullptr, diagnostics);
  std::vector<ImportPlanEntry> plan = plan_files(cases, options.output, load, diagnostics);
  if (!options.dry_run) write_plan(plan, options.output, diagnostics);
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const auto& entry : plan) ++counts[static_cast<int>(entry.action)];
  sort_diagnostics(diagnostics);

  // The plan: every file in a dry run; otherwise the updates and skips.
  bool text = options.format == "text";
  std::ostream& plan_out = text ? std::cout : std::cerr;
  const char* would = options.dry_run ? "would be " : "";
  if (!globals.quiet) {
    for (const auto& entry : plan) {
      if (!options.dry_run && entry.action != ImportPlanEntry::Action::update &&
          entry.action != ImportPlanEntry::Action::skip)
        continue;
      plan_out << fmt::format("{}: {}{}", entry.path, entry.action == ImportPlanEntry::Action::unchanged ? "" : would,
                              to_string(entry.action));
      if (!entry.reason.empty()) plan_out << " (" << entry.reason << ")";
      plan_out << '\n';
      for (const auto& change : entry.changes) plan_out << "  " << change << '\n';
    }
  }
  std::size_t errors = count_severity(diagnostics, Severity::error);
  std::size_t warnings = count_severity(diagnostics, Severity::warning);
  ColorMode colors = color_mode(globals);
  std::string cwd = working_directory();
  if (text) {
    Style style(use_color(colors, STDOUT_FILENO));
    std::vector<Diagnostic> shown;
    for (const auto& d : diagnostics)
      if (!globals.quiet || d.severity == Severity::error) shown.push_back(d);
    render_diagnostics_text(std::cout, shown, style,
                            [&](const std::string& f, std::uint32_t l) { return lines.line(f, l); });
  } else if (options.format == "json") {
    ValidationSummary summary{exports.size(), cases.size(), errors, warnings, 0, 0};
    render_diagnostics_json(std::cout, diagnostics, summary);
  } else if (options.format == "sarif") {
    render_diagnostics_sarif(std::cout, diagnostics, cwd);
  } else if (options.format == "junit") {
    std::vector<std::string> files;
    for (const auto& t : exports) files.push_back(t.path);
    render_diagnostics_junit(std::cout, diagnostics, files, {}, false, cwd);
  } else {
    const char* workspace = std::getenv("GITHUB_WORKSPACE");
    render_diagnostics_github(std::cout, diagnostics, workspace && *workspace ? workspace : cwd);
  }
  std::cout.flush();
  if (!globals.quiet)
    plan_out << fmt::format(
        "{} rows in {} file(s) -> {} case(s): {} {}created, {} {}updated, {} unchanged, {} skipped; "
        "{} error(s), {} warning(s)\n",
        rows, exports.size(), cases.size(), counts[0], would, counts[1], would, counts[2], counts[3], errors, warnings);
  for (const auto& d : diagnostics)
    if (d.rule == "io-error" && d.severity == Severity::error) return 2;
  return errors > 0 ? 1 : 0;
}

}  // namespace

void add_import_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand("import", "Turn CSV exports of a CRM or helpdesk into case files");
  cmd->add_option("exports", options->exports, "CSV exports (- reads stdin)");
  cmd->add_option("--map", options->map_path, "The import map (YAML): columns and picklist values → case fields");
  cmd->add_option("--preset", options->preset,
                  "A built-in map: salesforce-cases, zendesk-tickets, jira-issues, gainsight-ctas")
      ->check(CLI::IsMember(import_preset_names()));
  cmd->add_option("-o,--output", options->output, "Folder for the case files (one ID.yaml per case)");
  cmd->add_option("--accounts", options->accounts,
                  "CSV of accounts (id, name, segment, region, ARR) joined by account id");
  cmd->add_option("--delimiter", options->delimiter,
                  "Field delimiter: , ; | or tab (default: the map's, else detected)");
  cmd->add_flag("--dry-run", options->dry_run,
                "Print what would be created, updated (with the changes), unchanged or skipped; write nothing");
  cmd->add_option("-f,--format", options->format, "Findings format: text (default), json, github, junit or sarif")
      ->check(CLI::IsMember({"text", "json", "github", "junit", "sarif"}));
  cmd->add_option("--print-map", options->print_map, "Print a preset as a starting MAP.yaml and exit")
      ->check(CLI::IsMember(import_preset_names()));
  cmd->callback(
      [&action, options, &globals] { action = [options, &globals] { return run_import(*options, globals); }; });
}

}  // namespace esc
