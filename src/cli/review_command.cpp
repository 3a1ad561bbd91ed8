// `esc-autopsy review CASE`: the guided autopsy. The session logic lives in
// the author layer; this file picks the prompt (terminal or --answers),
// shows the outcome and writes the file back.
#include <unistd.h>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "esc/author/answers.hpp"
#include "esc/author/review_edit.hpp"
#include "esc/cli/commands.hpp"
#include "esc/cli/output.hpp"
#include "esc/cli/terminal_prompt.hpp"
#include "esc/load/source_cache.hpp"
#include "esc/render/diagnostics_render.hpp"
#include "esc/validate/validator.hpp"

namespace esc {
namespace {

struct ReviewCommandOptions {
  std::string path;
  std::string answers;
  std::string document;
  bool dry_run = false;
};

void print_diagnostics(std::vector<Diagnostic> diagnostics, const GlobalOptions& globals) {
  SourceCache cache;
  Style style(use_color(color_mode(globals), STDERR_FILENO));
  sort_diagnostics(diagnostics);
  render_diagnostics_text(std::cerr, diagnostics, style,
                          [&](const std::string& f, std::uint32_t l) { return cache.line(f, l); });
}

[[noreturn]] void fail_with(const std::vector<Diagnostic>& diagnostics, const std::string& message,
                            const GlobalOptions& globals) {
  print_diagnostics(diagnostics, globals);
  throw CliError(message);
}

ReviewAnswers load_answers(const std::string& path, const Taxonomy& taxonomy, const GlobalOptions& globals) {
  std::vector<Diagnostic> diagnostics;
  auto source = read_source(path, load_options(globals).limits, diagnostics);
  auto answers = source ? parse_review_answers(*source, taxonomy, diagnostics) : std::nullopt;
  if (!answers)
    fail_with(diagnostics, fmt::format("the answers file {} is not usable; nothing written", path), globals);
  if (!diagnostics.empty() && !globals.quiet) print_diagnostics(diagnostics, globals);  // warnings
  return *answers;
}

// What `validate` will say about the edited case, one line per finding.
std::vector<std::string> preview(const ReviewTarget& target, const Taxonomy& taxonomy, const ReviewResult& result) {
  std::string problem;
  std::string text = apply_review(target, result);
  auto edited = read_back(target, text, result, problem);
  if (!edited) return {"cannot preview the edited file: " + problem};
  std::vector<Diagnostic> findings;
  check_case(*edited, 0, target.path, taxonomy, findings);
  sort_diagnostics(findings);
  std::vector<std::string> lines;
  for (const auto& d : findings)
    lines.push_back(fmt::format("validate will report line {}: {}: {} [{}]", d.mark.line, to_string(d.severity),
                                d.message, d.rule));
  return lines;
}

bool unchanged_on_disk(const ReviewTarget& target) {
  std::ifstream in(target.path, std::ios::binary);
  if (!in) return false;
  std::ostringstream now;
  now << in.rdbuf();
  return now.str() == target.text;
}

int finish(const ReviewTarget& target, const ReviewResult& result, const ReviewCommandOptions& options,
           std::ostream& talk) {
  using Outcome = ReviewResult::Outcome;
  switch (result.outcome) {
    case Outcome::interrupted:
      talk << fmt::format("Interrupted: {} is untouched.\n", target.path);
      return 128 + result.signal;
    case Outcome::quit:
    case Outcome::end_of_input:
    case Outcome::declined:
      talk << fmt::format("{}: nothing written; {} is untouched.\n",
                          result.outcome == Outcome::quit       ? "Quit"
                          : result.outcome == Outcome::declined ? "Declined"
                                                                : "End of input",
                          target.path);
      return 1;
    case Outcome::failed:
      throw CliError(fmt::format("--answers: {}; nothing written", result.problem));
    case Outcome::confirmed:
      break;
  }
  std::string text = apply_review(target, result);
  std::string problem;
  if (!read_back(target, text, result, problem))
    throw std::runtime_error(fmt::format("{}; {} is untouched", problem, target.path));
  if (options.dry_run) {
    std::cout << text;
    std::cout.flush();
    return 0;
  }
  if (text == target.text) return 0;
  if (!unchanged_on_disk(target)) {
    std::string saved = target.path + ".reviewed";
    write_file_atomically(saved, text, false);
    throw CliError(fmt::format("{} changed on disk during the review; nothing replaced. The reviewed version is in {}",
                               target.path, saved));
  }
  replace_file_atomically(target.path, text);
  talk << fmt::format("Wrote {}.\n", target.path);
  return 0;
}

int run_review_command(const ReviewCommandOptions& options, const GlobalOptions& globals) {
  if (options.path == "-")
    throw CliError("review edits a case file in place; give its path (--dry-run prints the result)");
  const Taxonomy& taxonomy = active_taxonomy(globals);
  std::vector<Diagnostic> diagnostics;
  std::string problem;
  auto target = open_review_target(options.path, options.document, load_options(globals).limits, diagnostics, problem);
  if (!target) fail_with(diagnostics, problem, globals);
  // Nobody at the keyboard to notice "this is the first": the case must be named.
  bool unattended = !options.answers.empty() || ::isatty(STDIN_FILENO) != 1;
  if (target->documents > 1 && options.document.empty() && unattended)
    throw CliError(
        fmt::format("{} holds {} cases; say which one to review with --document N (1-based) or "
                    "--document ID{}; nothing written",
                    options.path, target->documents,
                    options.answers.empty() ? " (no terminal to ask on)" : " when using --answers"));
  std::optional<ReviewAnswers> answers;
  if (!options.answers.empty()) answers = load_answers(options.answers, taxonomy, globals);

  // The conversation goes to stdout, or to stderr when stdout carries the new file.
  std::ostream& talk = options.dry_run ? std::cerr : std::cout;
  Style style(use_color(color_mode(globals), options.dry_run ? STDERR_FILENO : STDOUT_FILENO));
  std::ostringstream muted;
  std::ostream& shown = answers && globals.quiet ? muted : talk;
  const Case& c = target->original;
  shown << style.bold(fmt::format("Autopsy of {}: {}", c.id.value, c.title.value)) << '\n';
  if (target->documents > 1 && options.document.empty())
    shown << fmt::format("{} holds {} cases; this is the first. Choose another with --document N or --document ID.\n",
                         options.path, target->documents);
  if (!answers) shown << "Walk the cause taxonomy with the people in the room. ? explains the keys at any question.\n";

  ReviewOptions review;
  review.today = Date::today();
  review.file = options.path;
  review.confirm = !options.dry_run;
  review.actions_editable = actions_editable(*target);
  const ReviewTarget& t = *target;
  review.preview = [&](const ReviewResult& result) { return preview(t, taxonomy, result); };
  ReviewResult result;
  if (answers) {
    ScriptedPrompt prompt(*answers, &shown);
    result = run_review(c, taxonomy, prompt, review);
    if (result.outcome == ReviewResult::Outcome::confirmed)
      for (const auto& code : prompt.unused())
        std::cerr << fmt::format(
            "esc-autopsy: warning: the answer for {} was not used (its category was answered "
            "no or skip)\n",
            code);
  } else {
    TerminalPrompt prompt(STDIN_FILENO, talk, style);
    result = run_review(c, taxonomy, prompt, review);
  }
  return finish(*target, result, options, shown);
}

}  // namespace

void add_review_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action) {
  auto options = std::make_shared<ReviewCommandOptions>();
  CLI::App* cmd = app.add_subcommand("review", "Guided autopsy: walk the cause taxonomy as a checklist for one case");
  cmd->add_option("case", options->path, "The case file to review (edited in place)")->required();
  cmd->add_option("--answers", options->answers, "Answer from this YAML file instead of a terminal");
  cmd->add_option("--document", options->document, "Which case of a multi-case file: N (1-based) or its id");
  cmd->add_flag("--dry-run", options->dry_run, "Print the new file instead of writing it");
  cmd->callback(
      [&action, options, &globals] { action = [options, &globals] { return run_review_command(*options, globals); }; });
}

}  // namespace esc
