// `esc-autopsy import`: each preset on realistic exports (BOM, CRLF, quotes,
// line breaks, Latin-1, tabs), hostile CSV, findings in every format, and
// re-import that leaves reviewed blocks byte-identical.
#include <filesystem>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string fixture(const std::string& name) {
  return e2e::source_path("tests/cases/import/" + name);
}

// Validates a folder; returns the JSON findings.
json validate_json(const std::string& dir) {
  auto v = e2e::run({"validate", "--format", "json", dir});
  INFO(v.out, v.err);
  CHECK(v.exit_code == 0);
  return json::parse(v.out);
}

std::size_t count_files(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) n += entry.path().extension() == ".yaml";
  return n;
}

}  // namespace

TEST_CASE("salesforce-cases: BOM, CRLF, quotes and line breaks - an unmapped reason is reported, the rest imported") {
  std::string dir = e2e::temp_dir() + "/cases";
  auto r = e2e::run({"import", "--preset", "salesforce-cases", "--accounts", fixture("salesforce-accounts.csv"), "-o",
                     dir, fixture("salesforce-cases.csv")});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("salesforce-cases.csv:5:98: error:") != std::string::npos);  // record 1 spans two lines
  CHECK(r.out.find("`Training gap` is not in the map's `values.causes`; the row is left out [import-value]") !=
        std::string::npos);
  CHECK(r.out.find("4 rows in 1 file(s) -> 3 case(s): 3 created") != std::string::npos);
  REQUIRE(count_files(dir) == 3);
  std::string acme = e2e::read_file(dir + "/SF-00001026.yaml");
  CHECK(acme.find("title: Reporting export times out\n") != std::string::npos);
  CHECK(acme.find("  segment: enterprise\n  region: US\n  arr: 480000\n") != std::string::npos);
  CHECK(acme.find("opened: 2024-03-02\nclosed: 2024-04-18\noutcome: retained\n") != std::string::npos);
  CHECK(acme.find("  claimed: sev2\n") != std::string::npos);
  CHECK(acme.find("summary: |-\n  Export of the \"Q1 pipeline\" report fails after 60 s.\n  Customer:") !=
        std::string::npos);
  CHECK(acme.find("  - code: product-flaw.defect\n") != std::string::npos);
  CHECK(acme.find("tags: [Problem, Web, salesforce]\n") != std::string::npos);
  std::string globex = e2e::read_file(dir + "/SF-00001027.yaml");
  CHECK(globex.find("title: \"SSO login loop: again\"\n") != std::string::npos);
  CHECK(globex.find("outcome: at-risk\n") != std::string::npos);
  json findings = validate_json(dir);
  CHECK(findings["summary"]["errors"] == 0);
  std::size_t pending = 0;
  for (const auto& d : findings["diagnostics"]) pending += d["rule"] == "autopsy-pending";
  CHECK(pending == 1);  // Globex: open, no cause
}

TEST_CASE("zendesk-tickets: a Windows-1252 export with semicolons is converted and says so") {
  std::string dir = e2e::temp_dir() + "/cases";
  auto r = e2e::run({"import", "--preset", "zendesk-tickets", "-o", dir, fixture("zendesk-tickets.csv")});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("zendesk-tickets.csv:1:1: warning: the file is WINDOWS-1252, not UTF-8") != std::string::npos);
  std::string ticket = e2e::read_file(dir + "/ZD-4711.yaml");
  CHECK(ticket.find("  id: Müller GmbH\n") != std::string::npos);
  CHECK(ticket.find("outcome: open  # the export says retained") != std::string::npos);
  CHECK(ticket.find("  claimed: sev1\n") != std::string::npos);
  CHECK(ticket.find("tags: [renewal, export, zendesk]\n") != std::string::npos);
  CHECK(validate_json(dir)["summary"]["errors"] == 0);
}

TEST_CASE("jira-issues: repeated Labels columns and a custom root-cause field") {
  std::string dir = e2e::temp_dir() + "/cases";
  auto r = e2e::run({"import", "--preset", "jira-issues", "-o", dir, fixture("jira-issues.csv")});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  std::string issue = e2e::read_file(dir + "/ESC-101.yaml");
  CHECK(issue.find("tags: [customer, sev1, jira]\n") != std::string::npos);
  CHECK(issue.find("  - code: product-flaw.defect\n") != std::string::npos);
  CHECK(issue.find("summary: |-\n  Steps:\n  1. sync\n  2. data gone\n") != std::string::npos);
  CHECK(validate_json(dir)["summary"]["errors"] == 0);
}

TEST_CASE("gainsight-ctas: a tab-separated export - --print-map writes a map that imports the same") {
  std::string dir = e2e::temp_dir();
  auto map = e2e::run({"import", "--print-map", "gainsight-ctas"});
  REQUIRE(map.exit_code == 0);
  CHECK(map.out.find("CTA ID") != std::string::npos);
  e2e::write_file(dir + "/map.yaml", map.out);
  auto r = e2e::run({"import", "--map", dir + "/map.yaml", "-o", dir + "/cases", fixture("gainsight-ctas.csv")});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  std::string cta = e2e::read_file(dir + "/cases/GS-CTA-0001.yaml");
  CHECK(cta.find("  - code: missed-signals.usage-decline\n") != std::string::npos);
  CHECK(cta.find("outcome: churned\n") != std::string::npos);
  CHECK(validate_json(dir + "/cases")["summary"]["errors"] == 0);
  CHECK(e2e::run({"import", "--print-map", "no-such"}).exit_code == 2);
}

TEST_CASE("re-import after a review keeps causes and reviewed byte-identical and updates what the export owns") {
  std::string dir = e2e::temp_dir();
  std::string header = "Id,Requester,Organization,Subject,Status,Priority,Created at,Solved at,Tags\n";
  e2e::write_file(dir + "/t.csv", header + "5,a,Acme,Slow exports,open,high,2024-01-02 10:00:00,,\n");
  auto first = e2e::run({"import", "--preset", "zendesk-tickets", "-o", dir + "/cases", dir + "/t.csv"});
  REQUIRE(first.exit_code == 0);
  std::string path = dir + "/cases/ZD-5.yaml";
  std::string reviewed =
      "causes:\n  - code: product-flaw.design   # agreed in the room\n    confidence: likely\n"
      "reviewed:\n  date: 2024-02-01\n  attendees: [engineering]\n";
  e2e::write_file(path, e2e::read_file(path) + "# notes from the autopsy\n" + reviewed);

  auto again = e2e::run({"import", "--preset", "zendesk-tickets", "-o", dir + "/cases", dir + "/t.csv"});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("0 created, 0 updated, 1 unchanged") != std::string::npos);

  e2e::write_file(dir + "/t.csv",
                  header + "5,a,Acme,Slow exports,solved,urgent,2024-01-02 10:00:00,2024-02-05 12:00:00,\n");
  auto dry = e2e::run({"import", "--preset", "zendesk-tickets", "--dry-run", "-o", dir + "/cases", dir + "/t.csv"});
  INFO(dry.out, dry.err);
  CHECK(dry.out.find("ZD-5.yaml: would be updated\n") != std::string::npos);
  CHECK(dry.out.find("  outcome: open -> retained\n") != std::string::npos);
  CHECK(dry.out.find("  closed: (none) -> 2024-02-05\n") != std::string::npos);
  CHECK(e2e::read_file(path).find("closed:") == std::string::npos);  // a dry run writes nothing

  auto update = e2e::run({"import", "--preset", "zendesk-tickets", "-o", dir + "/cases", dir + "/t.csv"});
  CHECK(update.exit_code == 0);
  std::string after = e2e::read_file(path);
  CHECK(after.find("# notes from the autopsy\n" + reviewed) != std::string::npos);
  CHECK(after.find("closed: 2024-02-05\n") != std::string::npos);
  CHECK(after.find("outcome: retained\n") != std::string::npos);
  CHECK(after.find("  claimed: sev1\n") != std::string::npos);
  CHECK(validate_json(dir + "/cases")["summary"]["errors"] == 0);
}

TEST_CASE("hostile CSV: unbalanced quote, NUL bytes, UTF-16, a 10 MB field - findings in every format") {
  std::string dir = e2e::temp_dir();
  std::string header = "Id,Requester,Organization,Subject,Status,Priority,Created at,Solved at,Tags,Description\n";
  std::string big(10 * 1024 * 1024, 'y');
  std::string text = header + "1,a,Acme,NUL here,open,,2024-01-02,,,\"x" + std::string(1, '\0') + "y\"\n" +
                     "2,a,Acme,Big one,open,,2024-01-02,,,\"" + big + "\"\n" + "3,a,Acme,Fine,open,,2024-01-02,,,\n" +
                     "4,a,Acme,\"never closed,open,,2024-01-02,,,\n";
  e2e::write_file(dir + "/hostile.csv", text);
  e2e::write_file(dir + "/map.yaml",
                  "id_prefix: ZD-\ndate_format: YYYY-MM-DD\ncolumns:\n  id: Id\n  title: Subject\n"
                  "  account.id: Organization\n  opened: Created at\n  outcome: Status\n"
                  "  summary: Description\n");
  auto r = e2e::run({"import", "--map", dir + "/map.yaml", "-o", dir + "/cases", dir + "/hostile.csv"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("hostile.csv:2:38: error: the field holds a NUL byte") != std::string::npos);
  CHECK(r.out.find("hostile.csv:5:10: error: a quoted field opened here is never closed") != std::string::npos);
  CHECK(r.out.find("keeps the first 102400 [import-value]") != std::string::npos);
  CHECK(r.out.find(std::string(1, '\0')) == std::string::npos);  // the source line is shown without the NUL
  CHECK(fs::exists(dir + "/cases/ZD-2.yaml"));
  CHECK(fs::exists(dir + "/cases/ZD-3.yaml"));
  CHECK(fs::file_size(dir + "/cases/ZD-2.yaml") < 200 * 1024);
  CHECK(validate_json(dir + "/cases")["summary"]["errors"] == 0);

  for (const char* format : {"json", "github", "junit", "sarif"}) {
    CAPTURE(format);
    auto f = e2e::run({"import", "--preset", "zendesk-tickets", "--dry-run", "-f", format, "-o", dir + "/cases",
                       dir + "/hostile.csv"});
    CHECK(f.exit_code == 1);
    CHECK(f.out.find("csv-syntax") != std::string::npos);
  }
  auto json_out = e2e::run(
      {"import", "--preset", "zendesk-tickets", "--dry-run", "-f", "json", "-o", dir + "/cases", dir + "/hostile.csv"});
  json parsed = json::parse(json_out.out);
  bool found = false;
  for (const auto& d : parsed["diagnostics"])
    found = found || (d["rule"] == "csv-syntax" && d["line"] == 5 && d["column"] == 10);
  CHECK(found);

  std::string utf16 = "\xFF\xFE";
  for (char c : header + "9,a,Acme,Wide,open,,2024-01-02,,,\n") utf16 += std::string{c, '\0'};
  e2e::write_file(dir + "/utf16.csv", utf16);
  auto wide = e2e::run({"import", "--preset", "zendesk-tickets", "-o", dir + "/wide", dir + "/utf16.csv"});
  INFO(wide.out);
  CHECK(wide.exit_code == 0);
  CHECK(wide.out.find("UTF-16LE") != std::string::npos);
  CHECK(fs::exists(dir + "/wide/ZD-9.yaml"));
}

TEST_CASE("usage problems are exit 2: no map, two maps, a missing export, a broken map") {
  std::string dir = e2e::temp_dir();
  CHECK(e2e::run({"import", "-o", dir, fixture("jira-issues.csv")}).exit_code == 2);
  CHECK(e2e::run({"import", "--preset", "jira-issues", "--map", "x.yaml", "-o", dir, fixture("jira-issues.csv")})
            .exit_code == 2);
  CHECK(e2e::run({"import", "--preset", "jira-issues", "-o", dir, dir + "/missing.csv"}).exit_code == 2);
  e2e::write_file(dir + "/bad.yaml",
                  "columns:\n  id: Id\n  title: T\n  account.id: A\n  opened: O\n"
                  "values:\n  causes: {Bug: product-flaw.defekt}\n");
  auto bad = e2e::run({"import", "--map", dir + "/bad.yaml", "-o", dir, fixture("jira-issues.csv")});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("product-flaw.defect") != std::string::npos);
}

TEST_CASE("--delimiter, an export on stdin, and an --accounts row with a bad ARR") {
  std::string dir = e2e::temp_dir();
  std::string csv =
      "CTA ID|Company Name|Company ID|Name|Status|Priority|Created Date|Closed Date|Reason\n"
      "7|Vandelay|C-1|Usage down|Open|High|03/20/2024||Low Usage\n";
  e2e::write_file(dir + "/accounts.csv", "Company ID,Company Name,Segment,ARR\nC-1,Vandelay,smb,lots\n");
  auto r = e2e::run({"import", "--preset", "gainsight-ctas", "--delimiter", "|", "--accounts", dir + "/accounts.csv",
                     "-o", dir + "/cases", "-"},
                    csv);
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);  // the bad ARR is an error; the case is still imported
  CHECK(r.out.find("accounts.csv:2:18: error: `lots` is not an amount") != std::string::npos);
  std::string cta = e2e::read_file(dir + "/cases/GS-7.yaml");
  CHECK(cta.find("  segment: smb\n") != std::string::npos);
  CHECK(cta.find("arr:") == std::string::npos);
  CHECK(cta.find("  - code: missed-signals.usage-decline\n") != std::string::npos);
  CHECK(e2e::run({"import", "--preset", "gainsight-ctas", "--delimiter", ";;", "-o", dir, "-"}, csv).exit_code == 2);
}
