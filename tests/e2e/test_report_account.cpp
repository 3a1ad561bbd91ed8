// report --account ID: the one-page account view (issue 15, item 7).
#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "csv.hpp"
#include "run.hpp"

using nlohmann::json;

namespace {

const std::string k_account = "ACME123";

e2e::Result report(std::vector<std::string> extra) {
  std::vector<std::string> args = {"report", "--as-of", "2025-06-30"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("examples/cases");
  return e2e::run(args);
}

std::string ok(std::vector<std::string> extra) {
  auto r = report(std::move(extra));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

// The account's cases from the full report's case table: id -> its cause codes, in opened order.
std::vector<std::pair<std::string, std::vector<std::string>>> account_cases() {
  auto rows = e2e::parse_csv(ok({"--format", "csv", "--table", "cases"}));
  REQUIRE(rows.size() > 1);
  const auto& head = rows[0];
  auto col = [&](const std::string& name) {
    auto it = std::find(head.begin(), head.end(), name);
    REQUIRE(it != head.end());
    return static_cast<std::size_t>(it - head.begin());
  };
  std::size_t id = col("id"), account = col("account"), opened = col("opened"), causes = col("causes");
  std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> found;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i][account] != k_account) continue;
    std::vector<std::string> codes;
    std::string list = rows[i][causes];
    for (std::size_t start = 0; start <= list.size();) {
      std::size_t end = list.find(';', start);
      if (end == std::string::npos) end = list.size();
      if (end > start) codes.push_back(list.substr(start, end - start));
      start = end + 1;
    }
    found.emplace_back(rows[i][opened], rows[i][id], codes);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (auto& [opened, case_id, codes] : found) out.emplace_back(case_id, codes);
  return out;
}

// The view's words for a verdict of the JSON report.
std::string verdict_words(const std::string& verdict) {
  if (verdict == "held") return "held";
  if (verdict == "did-not-hold") return "did not hold";
  if (verdict == "too-early") return "too early to tell";
  FAIL("unknown verdict " << verdict);
  return "";
}

// code -> verdict in the view's words, from a JSON report's fixes[].
std::map<std::string, std::string> verdicts(const json& r) {
  std::map<std::string, std::string> out;
  for (const auto& f : r["fixes"]) out[f["code"].get<std::string>()] = verdict_words(f["verdict"].get<std::string>());
  return out;
}

// Text as the HTML templates escape it (the characters cause titles use).
std::string html_text(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("&#39;") : c == '&' ? std::string("&amp;") : std::string(1, c);
  return out;
}

}  // namespace

TEST_CASE("the account view lists each escalation in date order with its causes") {
  auto cases = account_cases();
  REQUIRE(cases.size() >= 3);
  std::map<std::string, std::string> titles;  // the taxonomy's titles, as the full report names them
  json full = json::parse(ok({"--format", "json"}));
  for (const auto& c : full["causes"]) titles[c["code"].get<std::string>()] = c["title"].get<std::string>();
  std::string html = ok({"--account", k_account, "--format", "html"});
  std::string text = ok({"--account", k_account});
  std::string markdown = ok({"--account", k_account, "--format", "markdown"});
  CHECK(html.find("<title>Account view: ACME Corp, as of 2025-06-30</title>") != std::string::npos);
  CHECK(html.find("third strike") != std::string::npos);
  CHECK(text.find("third strike") != std::string::npos);
  CHECK(markdown.find("**third strike**") != std::string::npos);
  // Each escalation once, in order; its causes inside its own column (HTML), block (text) or row (Markdown).
  std::size_t html_at = html.find("<div class=\"escalations\">"), text_at = 0;
  REQUIRE(html_at != std::string::npos);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& [id, codes] = cases[i];
    CAPTURE(id);
    std::size_t start = html.find("<bdi>" + id + "</bdi>", html_at);
    REQUIRE(start != std::string::npos);
    std::size_t end = html.find("</article>", start);
    std::string column = html.substr(start, end - start);
    std::size_t causes_at = column.find("<h4>Causes</h4>");
    REQUIRE(causes_at != std::string::npos);
    std::string causes = column.substr(causes_at, column.find("</ul>", causes_at) - causes_at);
    for (const auto& code : codes) {
      CAPTURE(code);
      CHECK(causes.find(">" + html_text(titles.at(code)) + " <") != std::string::npos);
    }
    CHECK(static_cast<std::size_t>(std::count(causes.begin(), causes.end(), '(')) == codes.size());  // (confidence)
    html_at = end;

    std::size_t block = text.find(std::to_string(i + 1) + ". " + id, text_at);
    REQUIRE(block != std::string::npos);
    std::size_t next = i + 1 < cases.size() ? text.find(std::to_string(i + 2) + ". " + cases[i + 1].first, block)
                                            : text.find("Keeps coming back", block);
    REQUIRE(next != std::string::npos);
    std::string text_block = text.substr(block, next - block);
    text_at = next;
    std::string row = markdown.substr(markdown.find("| " + std::to_string(i + 1) + " | **" + id + "**"));
    row = row.substr(0, row.find('\n'));
    for (const auto& code : codes) {
      CAPTURE(code);
      CHECK(text_block.find(code) != std::string::npos);
      CHECK(row.find(code) != std::string::npos);
    }
  }
  // Only this account's escalations.
  for (const auto& c : full["accounts"])
    if (c["id"] != k_account) CHECK(html.find(">" + c["id"].get<std::string>() + "<") == std::string::npos);
}

TEST_CASE("done actions keep their words, read again from the account's files") {
  std::string file = e2e::read_file(e2e::source_path("examples/cases/2023/ESC-2023-0007-acme-corp.yaml"));
  std::regex action("\n  - action: ([^\n]+)\n(?:    [^\n]*\n)*?    status: done");
  std::size_t done = 0;
  std::string text = ok({"--account", k_account});
  for (std::sregex_iterator it(file.begin(), file.end(), action), end; it != end; ++it, ++done) {
    CAPTURE((*it)[1].str());
    CHECK(text.find("[done] " + (*it)[1].str()) != std::string::npos);
  }
  CHECK(done == 3);
  // From stdin the file cannot be read again: the cause's title stands in.
  auto piped = e2e::run({"report", "--as-of", "2025-06-30", "--account", k_account, "-"}, file);
  INFO(piped.err);
  CHECK(piped.exit_code == 0);
  CHECK(piped.out.find("[done] fix for ") != std::string::npos);
}

TEST_CASE("the fix verdicts are the whole set's fixes and not the account's alone") {
  auto whole = verdicts(json::parse(ok({"--format", "json"})));
  auto alone = verdicts(json::parse(ok({"--format", "json", "--account", k_account})));
  std::string markdown = ok({"--account", k_account, "--format", "markdown"});
  std::set<std::string> hit;
  for (const auto& [id, codes] : account_cases()) hit.insert(codes.begin(), codes.end());
  std::string table = markdown.substr(markdown.find("## Did the fixes hold?"));
  std::regex row("\\| [^|`]*\\(`([a-z0-9.-]+)`\\) \\| [0-9]+ \\| ([0-9-]+|–) \\| ([a-z ]+) \\|");
  std::set<std::string> listed;
  std::size_t differs = 0;
  for (std::sregex_iterator it(table.begin(), table.end(), row), end; it != end; ++it) {
    std::string code = (*it)[1], verdict = (*it)[3];
    CAPTURE(code);
    listed.insert(code);
    auto expected = whole.count(code) ? whole[code] : std::string("no fix recorded");
    CHECK(verdict == expected);
    auto own = alone.count(code) ? alone[code] : std::string("no fix recorded");
    differs += own != expected ? 1 : 0;
  }
  CHECK(listed == hit);
  // On the examples the account's own handful of cases would give other verdicts.
  CHECK(differs > 0);
}

TEST_CASE("json keeps the filtered report for one account") {
  auto r = json::parse(ok({"--format", "json", "--account", k_account}));
  CHECK(r["summary"]["cases"] == account_cases().size());
  CHECK(r["options"]["accounts"] == json::array({k_account}));
}

TEST_CASE("the account view with --redact names neither the account nor its id") {
  json full = json::parse(ok({"--format", "json", "--redact"}));
  std::set<std::string> pseudonyms;
  for (const auto& a : full["accounts"]) pseudonyms.insert(a["id"].get<std::string>());
  for (const char* format : {"html", "markdown", "text"}) {
    CAPTURE(format);
    std::string out = ok({"--account", k_account, "--format", format, "--redact"});
    std::string lowered = out;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    CHECK(lowered.find("acme") == std::string::npos);
    std::smatch m;
    REQUIRE(std::regex_search(out, m, std::regex("Account-[A-Z2-7]{4}")));
    CHECK(pseudonyms.count(m[0]) == 1);  // the same pseudonym as the full redacted report's
  }
}

TEST_CASE("an account id that matches no case is an error with a suggestion and writes nothing") {
  std::string dir = e2e::temp_dir();
  for (const char* format : {"html", "markdown", "text"}) {
    CAPTURE(format);
    auto r = report({"--account", "acme123", "--format", format, "-o", dir + "/view.out"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--account acme123 matches no case; did you mean `ACME123`?") != std::string::npos);
    CHECK(r.err.find("no escalation to show") != std::string::npos);
    CHECK(r.out.empty());
    CHECK(!std::filesystem::exists(dir + "/view.out"));
  }
  auto filtered = report({"--account", k_account, "--tag", "no-such-tag"});
  CHECK(filtered.exit_code == 2);
  CHECK(filtered.err.find("none of its cases passes the other filters") != std::string::npos);
}

TEST_CASE("the account view keeps other filters for the whole set and --template keeps the report") {
  std::string since = ok({"--account", k_account, "--since", "2024-01-01"});
  CHECK(since.find("ESC-2023-0007") == std::string::npos);
  CHECK(since.find("ESC-2024-0003") != std::string::npos);
  CHECK(since.find("opened on or after 2024-01-01") != std::string::npos);
  auto with_template = report(
      {"--account", k_account, "--format", "markdown", "--template", e2e::source_path("templates/report.md.mustache")});
  CHECK(with_template.exit_code == 0);
  CHECK(with_template.out.find("of account ACME123") != std::string::npos);
}
