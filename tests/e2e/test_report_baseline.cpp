// report --baseline OLD.json: the change since an earlier JSON report, and
// every way a baseline can be refused.
#include <filesystem>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

using nlohmann::json;

namespace {

// The examples' JSON report as of 2025-03-31 (three cases fewer), saved as a baseline.
std::string saved_baseline(const std::string& dir, const std::vector<std::string>& extra = {}) {
  std::string path = dir + "/old.json";
  std::vector<std::string> args = {"report", "--as-of", "2025-03-31", "-f", "json", "-o", path, "--force"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("examples/cases");
  auto r = e2e::run(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return path;
}

e2e::Result report(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"report", "--as-of", "2025-06-30"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("examples/cases");
  return e2e::run(args);
}

// "▲ +3 more" as the reports write a count's change.
std::string count_change(long long delta) {
  if (delta == 0) return "no change";
  return fmt::format("{} {}{} {}", delta > 0 ? "▲" : "▼", delta > 0 ? "+" : "−", delta > 0 ? delta : -delta,
                     delta > 0 ? "more" : "fewer");
}

json by(const json& list, const char* key, const std::string& value) {
  for (const auto& item : list)
    if (item[key] == value) return item;
  return json();
}

// Runs report with --baseline and returns its stderr, checking the exit code.
std::string refused(const std::vector<std::string>& extra, int code = 2) {
  auto r = report(extra);
  CHECK(r.exit_code == code);
  CHECK(r.out.empty());
  return r.err;
}

}  // namespace

TEST_CASE("the JSON baseline block holds now minus then for every figure cause and department") {
  std::string dir = e2e::temp_dir();
  std::string old_path = saved_baseline(dir);
  json then = json::parse(e2e::read_file(old_path));
  auto r = report({"-f", "json", "--baseline", old_path});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json now = json::parse(r.out);
  REQUIRE(now.contains("baseline"));
  json b = now["baseline"];
  CHECK(b["file"] == old_path);
  CHECK(b["as_of"] == then["options"]["as_of"]);
  CHECK(b["filters_differ"].empty());
  // Summary keys both reports have: the block's numbers are the two reports' own.
  std::size_t checked = 0;
  for (const char* key : {"cases", "accounts", "open_cases", "arr_total", "arr_churned", "arr_downgraded",
                          "arr_at_risk", "arr_retained"}) {
    INFO(key);
    REQUIRE(b["summary"].contains(key));
    double t = then["summary"][key], n = now["summary"][key];
    CHECK(b["summary"][key]["then"].get<double>() == t);
    CHECK(b["summary"][key]["now"].get<double>() == n);
    CHECK(b["summary"][key]["delta"].get<double>() == n - t);
    ++checked;
  }
  CHECK(checked == 8);
  CHECK(b["summary"]["cases"]["delta"].get<int>() > 0);  // the examples have cases opened after 2025-03-31
  CHECK(b["summary"]["repeat_accounts"]["delta"].get<long>() ==
        static_cast<long>(now["repeat_accounts"].size()) - static_cast<long>(then["repeat_accounts"].size()));
  long overdue_then = 0, overdue_now = 0;
  for (const auto& d : then["departments"]) overdue_then += d["actions_overdue"].get<long>();
  for (const auto& d : now["departments"]) overdue_now += d["actions_overdue"].get<long>();
  CHECK(b["summary"]["overdue_actions"]["delta"].get<long>() == overdue_now - overdue_then);
  // Every cause of either report, by code.
  std::size_t causes = 0;
  for (const auto& c : now["causes"]) {
    json change = by(b["causes"], "code", c["code"]);
    REQUIRE(!change.is_null());
    json old = by(then["causes"], "code", c["code"]);
    long cases_then = old.is_null() ? 0 : old["cases"].get<long>();
    CHECK(change["status"] == (old.is_null() ? "new" : change["status"]));
    CHECK(change["cases"]["delta"].get<long>() == c["cases"].get<long>() - cases_then);
    CHECK(change["accounts"]["now"] == c["accounts"]);
    ++causes;
  }
  CHECK(causes == now["causes"].size());
  for (const auto& d : now["departments"]) {
    if (d["cases"] == 0 && by(then["departments"], "id", d["id"])["cases"] == 0) continue;
    json change = by(b["departments"], "id", d["id"]);
    REQUIRE(!change.is_null());
    CHECK(change["cases"]["delta"].get<long>() ==
          d["cases"].get<long>() - by(then["departments"], "id", d["id"])["cases"].get<long>());
  }
  // Every key of the block is defined in the man page.
  std::string page = e2e::read_file(e2e::source_path("man/esc-autopsy-report.1"));
  auto documented = [&](const std::string& key) {
    CHECK_MESSAGE(page.find(".B baseline." + key + "\n") != std::string::npos, key);
  };
  for (auto it = b.begin(); it != b.end(); ++it)
    if (!it.value().is_object() && !(it.value().is_array() && !it.value().empty() && it.value()[0].is_object()))
      documented(it.key());
  for (auto it = b["summary"].begin(); it != b["summary"].end(); ++it) documented("summary." + it.key());
  for (const char* list : {"causes", "departments"})
    for (auto it = b[list][0].begin(); it != b[list][0].end(); ++it) documented(std::string(list) + "[]." + it.key());
  // Without --baseline there is no block.
  auto plain = report({"-f", "json"});
  CHECK(!json::parse(plain.out).contains("baseline"));
}

TEST_CASE("the text markdown and html reports show the change with arrows and words") {
  std::string dir = e2e::temp_dir();
  std::string old_path = saved_baseline(dir);
  json then = json::parse(e2e::read_file(old_path));
  json now = json::parse(report({"-f", "json"}).out);
  long cases_delta = now["summary"]["cases"].get<long>() - then["summary"]["cases"].get<long>();
  long third_delta = 0;
  for (const auto& a : now["repeat_accounts"]) third_delta += a["third_strike"].get<bool>() ? 1 : 0;
  for (const auto& a : then["repeat_accounts"]) third_delta -= a["third_strike"].get<bool>() ? 1 : 0;

  auto text = report({"--baseline", old_path});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Since 2025-03-31 (baseline " + old_path + ")") != std::string::npos);
  // "  escalations   18 →    21  ▲ +3 more" (columns padded to the widest value)
  std::size_t at = text.out.find("\n  escalations ");
  REQUIRE(at != std::string::npos);
  std::string line = text.out.substr(at + 1, text.out.find('\n', at + 1) - at - 1);
  INFO(line);
  CHECK(line.find(fmt::format(" {} → ", then["summary"]["cases"].get<long>())) != std::string::npos);
  CHECK(line.find(fmt::format(" {}  {}", now["summary"]["cases"].get<long>(), count_change(cases_delta))) !=
        std::string::npos);

  auto md = report({"-f", "markdown", "--baseline", old_path});
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.find("## Change since 2025\\-03\\-31") == std::string::npos);  // dates are not escaped away
  CHECK(md.out.find("## Change since 2025-03-31") != std::string::npos);
  std::string md_row = fmt::format("| escalations | {} | {} | {}{} |", then["summary"]["cases"].get<long>(),
                                   now["summary"]["cases"].get<long>(), count_change(cases_delta),
                                   cases_delta > 0   ? " (worse)"
                                   : cases_delta < 0 ? " (better)"
                                                     : "");
  CHECK_MESSAGE(md.out.find(md_row) != std::string::npos, md_row);
  CHECK(md.out.find("| on a third strike |") != std::string::npos);
  if (third_delta == 0) CHECK(md.out.find("no change |") != std::string::npos);

  auto html = report({"-f", "html", "--baseline", old_path});
  REQUIRE(html.exit_code == 0);
  CHECK(html.out.find("<section id=\"baseline\">") != std::string::npos);
  CHECK(html.out.find("<h2>Change since 2025-03-31</h2>") != std::string::npos);
  std::string words = count_change(cases_delta).substr(std::string("▲ ").size());
  CHECK(html.out.find("<span aria-hidden=\"true\">▲</span> " + words) != std::string::npos);
  // Zero changes are grey, never red.
  CHECK(html.out.find("change-unchanged\" style=\"color:var(--muted)\"><span aria-hidden=\"true\"></span> no change") !=
        std::string::npos);
  CHECK(html.out.find("change-unchanged\" style=\"color:var(--alert)") == std::string::npos);
  // Without --baseline the section is absent.
  CHECK(report({"-f", "html"}).out.find("id=\"baseline\"") == std::string::npos);
}

TEST_CASE("a baseline over other filters is compared with a warning") {
  std::string dir = e2e::temp_dir();
  std::string old_path = saved_baseline(dir, {"--until", "2025-01-31"});
  auto r = report({"-f", "json", "--baseline", old_path});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("warning: the baseline was made with other filters (--until: 2025-01-31 then, none now)") !=
        std::string::npos);
  json b = json::parse(r.out)["baseline"];
  REQUIRE(b["filters_differ"].size() == 1);
  CHECK(b["filters_differ"][0] == "--until: 2025-01-31 then, none now");
  auto text = report({"--baseline", old_path});
  CHECK(text.out.find("Not like for like: --until: 2025-01-31 then, none now") != std::string::npos);
  auto quiet = e2e::run({"--quiet", "report", "--as-of", "2025-06-30", "--baseline", old_path, "examples/cases"});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.find("warning") == std::string::npos);
}

TEST_CASE("a bad baseline is a clear error with exit 2") {
  std::string dir = e2e::temp_dir();
  std::string good = saved_baseline(dir);
  std::string text = e2e::read_file(good);

  e2e::write_file(dir + "/broken.json", "{\n  \"schema\": ]\n}\n");
  CHECK(refused({"--baseline", dir + "/broken.json"}).find(dir + "/broken.json:2:13: not JSON: ") != std::string::npos);

  e2e::write_file(dir + "/other.json", "{\"name\": \"not a report\"}");
  CHECK(refused({"--baseline", dir + "/other.json"}).find("not a JSON report of esc-autopsy") != std::string::npos);

  std::string v2 = text;
  v2.replace(v2.find("report/v1"), 9, "report/v2");
  e2e::write_file(dir + "/v2.json", v2);
  CHECK(refused({"--baseline", dir + "/v2.json"}).find("a report of schema esc-autopsy/report/v2") !=
        std::string::npos);

  auto diagnostics = e2e::run({"validate", "-f", "json", "examples/cases"});
  e2e::write_file(dir + "/diag.json", diagnostics.out);
  CHECK(refused({"--baseline", dir + "/diag.json"}).find("is not a report") != std::string::npos);

  std::string missing = text;
  missing.replace(missing.find("\n  \"causes\": [") + 3, 10, "\"causez\": ");  // the list, not options.causes
  e2e::write_file(dir + "/missing.json", missing);
  CHECK(refused({"--baseline", dir + "/missing.json"}).find("`causes` is missing") != std::string::npos);

  std::string wrong = text;
  wrong.replace(wrong.find("\"open_cases\": "), 14, "\"open_cases\": \"x\", \"y\": ");
  e2e::write_file(dir + "/wrong.json", wrong);
  CHECK(refused({"--baseline", dir + "/wrong.json"}).find("`summary.open_cases` should be a number, not a string") !=
        std::string::npos);

  CHECK(refused({"--baseline", dir + "/none.json"}).find("cannot read the baseline") != std::string::npos);
  CHECK(refused({"--baseline", dir}).find("is a folder") != std::string::npos);
}

TEST_CASE("a huge baseline and one that is the output file are refused before anything is written") {
  std::string dir = e2e::temp_dir();
  std::string good = saved_baseline(dir);
  std::string before = e2e::read_file(good);
  e2e::write_file(dir + "/huge.json", "{");
  std::filesystem::resize_file(dir + "/huge.json", (std::uintmax_t{1} << 30) + 1);  // sparse: no disk used
  CHECK(refused({"--baseline", dir + "/huge.json"}).find("is 1025 MiB; the largest read is 1024 MiB") !=
        std::string::npos);
  std::filesystem::remove(dir + "/huge.json");

  auto same = report({"-f", "json", "-o", good, "--force", "--baseline", good});
  CHECK(same.exit_code == 2);
  CHECK(same.err.find("is the output file") != std::string::npos);
  CHECK(e2e::read_file(good) == before);
  // Another spelling of the same path is the same file.
  auto dotted = report({"-f", "json", "-o", dir + "/./old.json", "--force", "--baseline", good});
  CHECK(dotted.exit_code == 2);

  auto csv = report({"-f", "csv", "--table", "causes", "--baseline", good});
  CHECK(csv.exit_code == 2);
  CHECK(csv.err.find("--baseline goes with") != std::string::npos);

  auto one_account = report({"--account", "ACME123", "--baseline", good});
  CHECK(one_account.exit_code == 2);
  CHECK(one_account.err.find("not the view of one --account") != std::string::npos);
}
