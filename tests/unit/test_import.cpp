// import: the map, rows → cases (picklists, dates, grouping), new files that
// validate, and re-import that edits only the blocks the import owns.
#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "esc/author/import_cases.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/validate/validator.hpp"
#include "test_support.hpp"

using namespace esc;
using test_support::dump;
using test_support::with_rule;

namespace {

const char* k_map = R"(date_format: MM/DD/YYYY
id_prefix: SF-
columns:
  id: Case Number
  title: Subject
  account.id: Account ID
  account.name: Account Name
  opened: Opened
  closed: Closed
  outcome: Status
  severity: Priority
  causes: Case Reason
  tags: Labels
values:
  outcome: {New: open, Closed: retained, Escalated: at-risk}
  severity: {High: sev1, Low: sev4}
  causes: {"Product - Bug": product-flaw.defect, "Other": ""}
)";

ImportMap load_map(const std::string& text, std::vector<Diagnostic>& out) {
  auto map = load_import_map(SourceText("map.yaml", text), out);
  REQUIRE(map);
  return *map;
}

std::vector<ImportedCase> import_rows(const std::string& csv, std::vector<Diagnostic>& out,
                                      const AccountTable* accounts = nullptr) {
  ImportMap map = load_map(k_map, out);
  std::vector<CsvTable> tables{parse_csv("export.csv", csv, CsvOptions{}, out)};
  return build_imported_cases(tables, map, default_taxonomy(), accounts, out);
}

const char* k_header = "Case Number,Subject,Account ID,Account Name,Opened,Closed,Status,Priority,Case Reason,Labels\n";

// The findings of validate's per-case rules on one rendered file.
std::vector<Diagnostic> validate_text(const std::string& text) {
  auto built = test_support::build(text, "case.yaml");
  std::vector<Diagnostic> out = built.diagnostics;
  REQUIRE(built.cases.size() == 1);
  check_case(built.cases[0], 0, "case.yaml", default_taxonomy(), out);
  return out;
}

std::string temp_folder() {
  auto dir = std::filesystem::temp_directory_path() / ("esc-import-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace

TEST_CASE("export dates in each date_format, with a time after them ignored") {
  CHECK(parse_export_date("2024-03-02", DateFormat::iso)->to_string() == "2024-03-02");
  CHECK(parse_export_date("2024-03-02 14:03:00", DateFormat::iso)->to_string() == "2024-03-02");
  CHECK(parse_export_date("2024-03-02T14:03:00Z", DateFormat::iso)->to_string() == "2024-03-02");
  CHECK(parse_export_date("3/2/2024 9:15 AM", DateFormat::us)->to_string() == "2024-03-02");
  CHECK(parse_export_date("02.03.2024", DateFormat::european)->to_string() == "2024-03-02");
  CHECK_FALSE(parse_export_date("2024-02-30", DateFormat::iso));
  CHECK_FALSE(parse_export_date("13/02/2024", DateFormat::us));
  CHECK_FALSE(parse_export_date("02/03/24", DateFormat::us));
}

TEST_CASE("a map with errors is refused with positions - unknown keys get a did-you-mean") {
  std::vector<Diagnostic> out;
  auto map = load_import_map(
      SourceText("map.yaml", "columns:\n  title: Subject\ndate_fromat: x\nseparatorz_and_more: y\n"), out);
  CHECK_FALSE(map);
  CHECK(with_rule(out, "import-map").size() == 3);  // no id, account.id, opened
  auto misspelled = with_rule(out, "misspelled-key");  // one slip from a key: an error, its value would be lost
  REQUIRE(misspelled.size() == 1);
  CHECK(misspelled[0].mark == SourceMark{3, 1});
  CHECK(misspelled[0].severity == Severity::error);
  CHECK(misspelled[0].suggestion.find("date_format") != std::string::npos);
  auto unknown = with_rule(out, "unknown-key");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].mark == SourceMark{4, 1});
}

TEST_CASE("every preset loads and its values lead to outcome words, severities and taxonomy codes") {
  for (const auto& name : import_preset_names()) {
    CAPTURE(name);
    auto text = import_preset_text(name);
    REQUIRE(text);
    std::vector<Diagnostic> out;
    auto map = load_import_map(SourceText(name, *text), out);
    INFO(dump(out));
    REQUIRE(map);
    CHECK(out.empty());
    CHECK(check_map_values(*map, default_taxonomy(), out));
  }
}

TEST_CASE("rows become cases: values mapped, prefix added, tags split") {
  std::vector<Diagnostic> out;
  auto cases = import_rows(std::string(k_header) +
                               "00001026,Export times out,ACME1,ACME Corp,3/2/2024 9:15 AM,4/18/2024,Closed,High,"
                               "Product - Bug,\"renewal, q2\"\n",
                           out);
  INFO(dump(out));
  CHECK(out.empty());
  REQUIRE(cases.size() == 1);
  const auto& c = cases[0];
  CHECK(c.id == "SF-00001026");
  CHECK(c.title == "Export times out");
  CHECK(c.account_name == "ACME Corp");
  CHECK(c.opened.to_string() == "2024-03-02");
  CHECK(c.closed->to_string() == "2024-04-18");
  CHECK(c.outcome == "retained");
  CHECK(c.severity == "sev1");
  CHECK(c.causes == std::vector<std::string>{"product-flaw.defect"});
  CHECK(c.tags == std::vector<std::string>{"renewal", "q2"});
  CHECK(c.source == "export.csv:2");
}

TEST_CASE("an unmapped picklist value leaves its row out with a did-you-mean at the field") {
  std::vector<Diagnostic> out;
  auto cases = import_rows(std::string(k_header) + "1,a,A,,3/2/2024,,Escalate,High,,\n" +
                               "2,b,A,,3/2/2024,,New,High,Product - Bgu,\n" + "3,c,A,,3/2/2024,,New,Low,Other,\n",
                           out);
  REQUIRE(cases.size() == 1);
  CHECK(cases[0].id == "SF-3");
  CHECK(cases[0].causes.empty());  // "Other" maps to no cause
  auto values = with_rule(out, "import-value");
  REQUIRE(values.size() == 2);
  CHECK(values[0].mark == SourceMark{2, 18});
  CHECK(values[0].suggestion.find("`Escalated`") != std::string::npos);
  CHECK(values[1].mark.line == 3);
  CHECK(values[1].suggestion.find("`Product - Bug`") != std::string::npos);
}

TEST_CASE("bad dates, a missing id and a closed date before the opened date are findings - the row is left out") {
  std::vector<Diagnostic> out;
  auto cases = import_rows(std::string(k_header) + "1,a,A,,2024-03-02,,New,,,\n" + ",b,A,,3/2/2024,,New,,,\n" +
                               "3,c,A,,3/2/2024,3/1/2024,New,,,\n",
                           out);
  CHECK(cases.empty());
  CHECK(with_rule(out, "import-value").size() == 3);
}

TEST_CASE("rows sharing an id become one case - an --accounts table fills what the export leaves out") {
  std::vector<Diagnostic> out;
  AccountTable accounts{{"A", AccountInfo{"Alpha Inc", "enterprise", "EMEA", "250000"}}};
  auto cases = import_rows(std::string(k_header) + "7,First,A,,3/5/2024,,New,High,Product - Bug,x\n" +
                               "7,Second,A,,3/2/2024,4/1/2024,,,,y\n",
                           out, &accounts);
  INFO(dump(out));
  REQUIRE(cases.size() == 1);
  CHECK(cases[0].title == "First");
  CHECK(cases[0].opened.to_string() == "2024-03-02");
  CHECK(cases[0].closed->to_string() == "2024-04-01");
  CHECK(cases[0].tags == std::vector<std::string>{"x", "y"});
  CHECK(cases[0].account_name == "Alpha Inc");
  CHECK(cases[0].account_arr == "250000");
}

TEST_CASE("a missing required column leaves the file out - a missing optional one is a warning") {
  std::vector<Diagnostic> out;
  auto cases = import_rows("Case Number,Subjet,Account ID,Opened\n1,a,A,3/2/2024\n", out);
  CHECK(cases.empty());
  auto map = with_rule(out, "import-map");
  REQUIRE_FALSE(map.empty());
  bool suggested = false;
  for (const auto& d : map) suggested = suggested || d.suggestion.find("`Subjet`") != std::string::npos;
  CHECK(suggested);
}

TEST_CASE("a new file validates without errors: a closed case without causes stays open, with autopsy-pending") {
  std::vector<Diagnostic> out;
  auto cases =
      import_rows(std::string(k_header) +
                      "1,\"Quotes \"\"and\"\": colons # hash\",A,\"ACME, Inc\",3/2/2024,4/2/2024,Closed,Low,,\n"
                      "2,Bug,A,,3/2/2024,4/2/2024,Closed,Low,Product - Bug,\n",
                  out);
  REQUIRE(cases.size() == 2);
  cases[0].summary = "Line one\n  indented: yes\n\nlast # not a comment\n";
  std::string text = render_imported_case(cases[0]);
  CHECK(text.find("outcome: open  # the export says retained") != std::string::npos);
  auto findings = validate_text(text);
  INFO(text, dump(findings));
  CHECK(count_severity(findings, Severity::error) == 0);
  CHECK(with_rule(findings, "autopsy-pending").size() == 1);
  CHECK(with_rule(findings, "no-actions").size() == 1);  // closed by the export; the autopsy adds actions
  auto built = test_support::build(text);
  CHECK(built.cases[0].title.value == "Quotes \"and\": colons # hash");
  CHECK(built.cases[0].summary == cases[0].summary);

  std::string with_cause = render_imported_case(cases[1]);
  CHECK(with_cause.find("outcome: retained") != std::string::npos);
  auto second = validate_text(with_cause);
  INFO(with_cause, dump(second));
  CHECK(with_rule(second, "autopsy-pending").empty());
  CHECK(count_severity(second, Severity::error) == 0);
}

TEST_CASE("re-import edits only the owned blocks and keeps causes, reviewed and comments byte for byte") {
  std::vector<Diagnostic> out;
  auto cases = import_rows(std::string(k_header) + "9,Slow,A,ACME,3/2/2024,,New,Low,,\n", out);
  REQUIRE(cases.size() == 1);
  std::string dir = temp_folder();
  std::string path = dir + "/SF-9.yaml";
  std::string reviewed_blocks =
      "causes:   # found in the autopsy\n"
      "  - code: product-flaw.design\n"
      "    confidence: likely\n"
      "reviewed:\n"
      "  date: 2024-04-20\n"
      "  attendees: [engineering]\n";
  {
    std::ofstream file(path, std::ios::binary);
    file << render_imported_case(cases[0]) << "# a note by a person\n" << reviewed_blocks;
  }
  auto same = plan_case_file(cases[0], path, LoadLimits{}, out);
  CHECK(same.action == ImportPlanEntry::Action::unchanged);

  cases[0].closed = Date::parse("2024-04-18");
  cases[0].outcome = "retained";
  cases[0].severity = "sev1";
  auto plan = plan_case_file(cases[0], path, LoadLimits{}, out);
  INFO(dump(out));
  REQUIRE(plan.action == ImportPlanEntry::Action::update);
  CHECK(plan.changes.size() == 3);
  CHECK(plan.content.find("# a note by a person\n" + reviewed_blocks) != std::string::npos);
  CHECK(plan.content.find("outcome: retained\n") != std::string::npos);  // the case has causes now
  CHECK(plan.content.find("closed: 2024-04-18\n") != std::string::npos);
  CHECK(plan.content.find("  claimed: sev1\n") != std::string::npos);

  std::ofstream(dir + "/other.yaml") << "id: OTHER\ntitle: x\naccount: {id: A}\nopened: 2024-01-01\n";
  auto wrong = plan_case_file(cases[0], dir + "/other.yaml", LoadLimits{}, out);
  CHECK(wrong.action == ImportPlanEntry::Action::skip);
  CHECK_FALSE(with_rule(out, "import-file").empty());
  std::filesystem::remove_all(dir);
}
