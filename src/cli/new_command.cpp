// `esc-autopsy new`: scaffold a case file from the case template.
#include <unistd.h>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "esc/author/scaffold.hpp"
#include "esc/cli/commands.hpp"
#include "esc/cli/output.hpp"
#include "esc/load/case_builder.hpp"
#include "esc/load/node_reader.hpp"
#include "esc/load/source_cache.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/render/diagnostics_render.hpp"
#include "esc/validate/validator.hpp"

namespace esc {
namespace {
namespace fs = std::filesystem;

struct NewOptions {
  std::string account, title, name, segment, arr, opened, id, output, template_path;
  bool force = false;
};

bool is_folder_target(const std::string& output) {
  std::error_code ignored;
  return !output.empty() && (output.back() == '/' || fs::is_directory(output, ignored));
}

std::string read_template(const std::string& path) {
  if (path.empty()) return default_case_template();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CliError(fmt::format("--template: cannot read {}", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The ids a case file that does not load may hold: every ESC-YYYY-N token in it.
void scan_for_ids(const std::string& path, std::vector<std::pair<std::string, std::string>>& ids) {
  std::error_code error;
  if (fs::file_size(path, error) > (std::uintmax_t{64} << 20) || error) return;  // not a case file anyway
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  static const std::regex k_token("ESC-[0-9]{4}-[0-9]{1,9}");
  std::string s = text.str();
  for (auto it = std::sregex_iterator(s.begin(), s.end(), k_token); it != std::sregex_iterator(); ++it)
    ids.push_back({it->str(), fmt::format("{} (a file that does not load)", path)});
}

// The case ids already used under `folder`, with where each is: the ids of the
// cases that load, the names of every file (`ESC-2024-0008.yaml` takes
// ESC-2024-0008 whatever it holds) and the id-like tokens of files that do not
// load, so that an id chosen here never names an existing file.
std::vector<std::pair<std::string, std::string>> used_ids(const std::string& folder, const std::string& replaced,
                                                          const GlobalOptions& globals) {
  std::vector<std::pair<std::string, std::string>> ids;
  std::error_code ignored;
  if (!fs::is_directory(folder, ignored)) return ids;
  LoadOptions load = load_options(globals);
  load.keep = CaseDetail::identity;  // ids and positions are all this needs
  CaseSet set = load_case_set({folder}, load);
  for (const auto& c : set.cases) {
    const std::string& file = set.files[c.file_index].path;
    if (!replaced.empty() && fs::equivalent(file, replaced, ignored)) continue;
    if (!c.id.value.empty()) ids.push_back({c.id.value, fmt::format("{}:{}", file, c.id.mark.line)});
  }
  // The file `--force` replaces holds no id that counts.
  auto is_replaced = [&](const fs::path& p) {
    std::error_code error;
    return !replaced.empty() && fs::equivalent(p, replaced, error);
  };
  std::set<std::string> broken;
  for (const auto& d : set.diagnostics)
    if (d.severity == Severity::error) broken.insert(d.file);
  for (const auto& file : set.files)
    if ((file.cases == 0 || broken.count(file.path)) && !is_replaced(file.path)) scan_for_ids(file.path, ids);
  for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ignored);
       it != fs::recursive_directory_iterator(); it.increment(ignored)) {
    if (ignored) break;
    fs::path name = it->path().filename();
    if (!name.has_extension() || is_replaced(it->path())) continue;
    ids.push_back({name.stem().string(), fmt::format("{} (its file name)", it->path().string())});
  }
  return ids;
}

// Reports what `validate` would say about the new case beyond `autopsy-pending`
// (only a custom template or odd values can cause that).
void check_rendered(const std::string& text, const std::string& name, const GlobalOptions& globals) {
  std::vector<Diagnostic> findings;
  SourceText source(name, text);
  read_yaml_documents(
      source, LoadLimits{},
      [&](YamlNode&& root, std::size_t) {
        NodeReader reader(name, findings, 0);
        if (auto c = build_case(root, reader)) check_case(*c, 0, name, active_taxonomy(globals), findings);
      },
      findings);
  std::vector<Diagnostic> shown;
  for (const auto& d : findings)
    if (d.rule != "autopsy-pending") shown.push_back(d);
  if (shown.empty() || globals.quiet) return;
  Style style(use_color(color_mode(globals), STDERR_FILENO));
  sort_diagnostics(shown);
  render_diagnostics_text(std::cerr, shown, style,
                          [&](const std::string&, std::uint32_t l) { return std::string(source.line(l)); });
  std::cerr << "esc-autopsy: warning: the new case does not validate cleanly (see above)\n";
}

int run_new(const NewOptions& o, const GlobalOptions& globals) {
  NewCase values;
  values.title = o.title;
  values.account = o.account;
  values.name = o.name;
  values.segment = o.segment;
  values.opened = Date::today();
  if (!o.opened.empty()) {
    auto opened = Date::parse(o.opened);
    if (!opened) throw CliError(fmt::format("--opened: `{}` is not a date (YYYY-MM-DD)", o.opened));
    values.opened = *opened;
  }
  if (!o.arr.empty()) {
    auto arr = normalise_amount(o.arr);
    if (!arr) throw CliError(fmt::format("--arr: `{}` is not a plain number >= 0 (e.g. 480000)", o.arr));
    values.arr = *arr;
  }
  bool to_stdout = o.output.empty() || o.output == "-";
  bool to_folder = !to_stdout && is_folder_target(o.output);
  std::string folder = to_stdout ? "." : to_folder ? o.output : fs::path(o.output).parent_path().string();
  if (folder.empty()) folder = ".";
  std::string replaced = !to_stdout && !to_folder && o.force ? o.output : "";
  auto ids = used_ids(folder, replaced, globals);
  bool chosen_here = o.id.empty();
  if (chosen_here) {
    std::vector<std::string> plain;
    for (const auto& [id, where] : ids) plain.push_back(id);
    values.id = next_case_id(values.opened.year, plain);
    // Belt and braces: never name a file that exists (e.g. a dangling link).
    std::error_code ignored;
    while (to_folder &&
           fs::symlink_status(fs::path(o.output) / (values.id + ".yaml"), ignored).type() != fs::file_type::not_found) {
      plain.push_back(values.id);
      values.id = next_case_id(values.opened.year, plain);
    }
  } else {
    if (!is_valid_case_id(o.id))
      throw CliError(fmt::format("--id: `{}` may use only letters, digits, . _ and -", o.id));
    for (const auto& [id, where] : ids)
      if (id == o.id) throw CliError(fmt::format("--id: `{}` is already used at {}", o.id, where));
    values.id = o.id;
  }
  auto text = render_case_template(read_template(o.template_path), values, Date::today());
  if (!text) throw CliError("the case template renders to nothing (is a section left open?)");
  std::string path = to_stdout ? "" : to_folder ? (fs::path(o.output) / (values.id + ".yaml")).string() : o.output;
  check_rendered(*text, path.empty() ? "<new case>" : path, globals);
  if (to_folder) {
    std::error_code error;
    fs::create_directories(o.output, error);
    if (error) throw CliError(fmt::format("cannot create {}: {}", o.output, error.message()));
  }
  if (to_folder && chosen_here) {
    // The id was chosen as free: a file appearing meanwhile is a race, never a case for --force.
    try {
      write_output(path, *text, false);
    } catch (const CliError&) {
      std::error_code ignored;
      if (!fs::exists(fs::symlink_status(path, ignored))) throw;
      throw CliError(
          fmt::format("{} appeared while the case was being written; nothing replaced. Run `new` again", path));
    }
  } else {
    write_output(path, *text, o.force);
  }
  if (!to_stdout && !globals.quiet)
    std::cerr << fmt::format("esc-autopsy: wrote {} ({}); next: esc-autopsy review {}\n", path, values.id, path);
  return 0;
}

}  // namespace

void add_new_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto o = std::make_shared<NewOptions>();
  CLI::App* cmd = app.add_subcommand("new", "Scaffold a case file from the case template");
  cmd->add_option("--account", o->account, "Account id (the key that ties cases to one account)")->required();
  cmd->add_option("--title", o->title, "One line on what went wrong")->required();
  cmd->add_option("--name", o->name, "Account name");
  cmd->add_option("--segment", o->segment, "Account segment (enterprise, mid-market, smb, ...)");
  cmd->add_option("--arr", o->arr, "Annual recurring revenue, a plain number");
  cmd->add_option("--opened", o->opened, "Date the escalation opened, YYYY-MM-DD (default: today)");
  cmd->add_option("--id", o->id, "Case id (default: the next free ESC-YYYY-NNNN in the target folder)");
  cmd->add_option("-o,--output", o->output, "Write to FILE, or FOLDER/<id>.yaml (default: stdout)");
  cmd->add_option("--template", o->template_path, "Mustache template to use instead of the built-in one");
  cmd->add_flag("--force", o->force, "Replace an existing output file");
  cmd->callback([&action, o, &globals] { action = [o, &globals] { return run_new(*o, globals); }; });
}

}  // namespace esc
