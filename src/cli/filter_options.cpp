#include <set>

#include <fmt/format.h>

#include "esc/cli/commands.hpp"
#include "esc/model/suggest.hpp"

namespace esc {

Date parse_date_option(const std::string& text, const char* option) {
  auto date = Date::parse(text);
  if (!date) throw CliError(fmt::format("{}: `{}` is not a date (YYYY-MM-DD)", option, text));
  return *date;
}

void add_filter_options(CLI::App& cmd, FilterOptions& filters) {
  cmd.add_option("--since", filters.since, "Only cases opened on or after this date (YYYY-MM-DD)");
  cmd.add_option("--until", filters.until, "Only cases opened on or before this date (YYYY-MM-DD)");
  // One value per occurrence, every occurrence kept: `--tag churn cases/`
  // must leave cases/ to the paths instead of taking it for a second tag.
  auto repeatable = [&cmd](const char* name, std::vector<std::string>& values, const char* help) {
    cmd.add_option(name, values, help)->expected(1)->allow_extra_args(false)->take_all();
  };
  repeatable("--segment", filters.segments, "Only accounts in this segment (repeatable)");
  repeatable("--account", filters.accounts, "Only this account id (repeatable)");
  repeatable("--tag", filters.tags, "Only cases with this tag (repeatable)");
  repeatable("--cause", filters.causes, "Only cases citing this code or a code under it (repeatable)");
}

void apply_filters(const FilterOptions& filters, const Taxonomy& taxonomy, AnalysisOptions& analysis) {
  for (const auto& code : filters.causes) {
    const TaxonomyEntry* entry = taxonomy.resolve(code);
    if (!entry) {
      std::string hint = did_you_mean(code, taxonomy.codes());
      throw CliError(fmt::format("--cause: `{}` is not a cause code{}", code, hint.empty() ? "" : "; " + hint));
    }
    analysis.causes.push_back(entry->code);
  }
  if (!filters.since.empty()) analysis.since = parse_date_option(filters.since, "--since");
  if (!filters.until.empty()) analysis.until = parse_date_option(filters.until, "--until");
  analysis.segments = filters.segments;
  analysis.accounts = filters.accounts;
  analysis.tags = filters.tags;
}

namespace {

// The warnings for one filter: values not among `known`.
void check_values(const char* option, const std::vector<std::string>& values, const std::set<std::string>& known,
                  std::vector<std::string>& out) {
  std::vector<std::string> candidates(known.begin(), known.end());
  for (const auto& value : values) {
    if (known.count(value)) continue;
    std::string hint = did_you_mean(value, candidates);
    out.push_back(fmt::format("{} {} matches no case{}", option, value, hint.empty() ? "" : "; " + hint));
  }
}

}  // namespace

std::vector<std::string> unmatched_filters(const FilterOptions& filters, const AnalysisInput& input) {
  std::vector<std::string> out;
  if (filters.accounts.empty() && filters.segments.empty() && filters.tags.empty()) return out;
  std::set<std::string> accounts, segments, tags;
  for (const CaseDigest* digest : input.cases) {
    const Case& c = *digest->source;
    accounts.insert(c.account.id.value);
    if (!c.account.segment.value.empty()) segments.insert(c.account.segment.value);
    for (std::size_t i = 0; i < digest->tag_count(); ++i) tags.emplace(input.set.strings->view(digest->tag(i)));
  }
  check_values("--account", filters.accounts, accounts, out);
  check_values("--segment", filters.segments, segments, out);
  check_values("--tag", filters.tags, tags, out);
  return out;
}

}  // namespace esc
