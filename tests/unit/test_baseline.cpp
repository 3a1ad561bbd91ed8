// report --baseline: reading an earlier JSON report and comparing with it.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "esc/analyze/analyzer.hpp"
#include "esc/analyze/baseline.hpp"
#include "esc/load/case_loader.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/baseline.hpp"
#include "esc/render/report_render.hpp"
#include "esc/render/text_table.hpp"
#include "esc/validate/validator.hpp"

using namespace esc;

namespace {

Report examples_report(const char* as_of) {
  static CaseSet set = [] {
    CaseSet s = load_case_set({std::string(ESC_SOURCE_DIR) + "/examples/cases"}, LoadOptions{});
    validate_case_set(s, default_taxonomy(), ValidationPolicy{});
    return s;
  }();
  std::vector<const Case*> cases;
  for (const auto& c : set.cases)
    if (!c.has_errors) cases.push_back(&c);
  AnalysisOptions options;
  options.as_of = *Date::parse(as_of);
  return analyze(cases, default_taxonomy(), options);
}

std::string json_of(const Report& report) {
  std::ostringstream out;
  render_report_json(out, report);
  return out.str();
}

// The message of the BaselineError parse_baseline throws on `text`.
std::string error_of(const std::string& text) {
  try {
    parse_baseline(text, "old.json");
  } catch (const BaselineError& e) {
    return e.what();
  }
  return "(no error)";
}

SnapshotItem item(const std::string& id, double cases, double accounts) {
  return SnapshotItem{id, "", {{"cases", cases}, {"accounts", accounts}, {"arr", 0}}};
}

const Change& figure(const BaselineComparison& b, const std::string& key) {
  for (const auto& c : b.figures)
    if (c.key == key) return c;
  FAIL("no figure " << key);
  throw 0;
}

const ItemChange* find_item(const std::vector<ItemChange>& items, const std::string& id) {
  for (const auto& i : items)
    if (i.id == id) return &i;
  return nullptr;
}

}  // namespace

TEST_CASE("a JSON report read back gives the snapshot of the report it was written from") {
  Report report = examples_report("2025-06-30");
  REQUIRE(!report.causes.empty());
  ReportSnapshot direct = snapshot_of(report);
  ReportSnapshot read = parse_baseline(json_of(report), "r.json");
  CHECK(read.as_of == "2025-06-30");
  CHECK(read.figures == direct.figures);
  CHECK(read.figures.size() == baseline_figures().size());
  REQUIRE(read.causes.size() == direct.causes.size());
  for (std::size_t i = 0; i < read.causes.size(); ++i) {
    CHECK(read.causes[i].id == direct.causes[i].id);
    CHECK(read.causes[i].values == direct.causes[i].values);
  }
  REQUIRE(read.departments.size() == direct.departments.size());
  for (std::size_t i = 0; i < read.departments.size(); ++i) {
    CHECK(read.departments[i].id == direct.departments[i].id);
    CHECK(read.departments[i].values == direct.departments[i].values);
  }
  // Compared with itself, nothing moved.
  BaselineComparison same = compare_to_baseline(read, direct, "r.json");
  CHECK(same.filter_differences.empty());
  for (const auto& c : same.figures) CHECK(c.delta == 0);
  for (const auto& c : same.causes) CHECK(c.status == ItemChange::Status::same);
}

TEST_CASE("an earlier report compared with a later one gives now minus then per figure") {
  Report old_report = examples_report("2025-03-31");
  Report new_report = examples_report("2025-06-30");
  BaselineComparison b =
      compare_to_baseline(parse_baseline(json_of(old_report), "old.json"), snapshot_of(new_report), "old.json");
  CHECK(b.file == "old.json");
  CHECK(b.as_of == "2025-03-31");
  const Change& cases = figure(b, "cases");
  CHECK(cases.then == static_cast<double>(old_report.summary.cases));
  CHECK(cases.now == static_cast<double>(new_report.summary.cases));
  CHECK(cases.delta == cases.now - cases.then);
  CHECK(cases.delta > 0);  // cases opened between the two dates
  CHECK(figure(b, "arr_at_risk").delta == new_report.summary.arr_at_risk - old_report.summary.arr_at_risk);
  CHECK(figure(b, "repeat_accounts").delta == static_cast<double>(new_report.repeat_accounts.size()) -
                                                  static_cast<double>(old_report.repeat_accounts.size()));
  for (const auto& c : new_report.causes) {
    const ItemChange* change = find_item(b.causes, c.code);
    REQUIRE(change);
    CHECK(change->values[0].now == static_cast<double>(c.cases));
  }
}

TEST_CASE("causes and departments are new, gone, changed or the same and keep the new report's order") {
  ReportSnapshot then, now;
  then.causes = {item("a", 3, 2), item("gone", 1, 1), item("b", 2, 2)};
  now.causes = {item("b", 4, 3), item("new", 1, 1), item("a", 3, 2)};
  now.departments = {item("quiet", 0, 0)};
  then.departments = {item("quiet", 0, 0)};
  BaselineComparison b = compare_to_baseline(then, now, "x");
  REQUIRE(b.causes.size() == 4);
  CHECK(b.causes[0].id == "b");
  CHECK(b.causes[0].status == ItemChange::Status::changed);
  CHECK(b.causes[0].values[0].delta == 2);
  CHECK(b.causes[1].id == "new");
  CHECK(b.causes[1].status == ItemChange::Status::added);
  CHECK(b.causes[1].values[0].then == 0);
  CHECK(b.causes[2].status == ItemChange::Status::same);
  CHECK(b.causes[3].id == "gone");
  CHECK(b.causes[3].status == ItemChange::Status::gone);
  CHECK(b.causes[3].values[0].delta == -1);
  CHECK(to_string(b.causes[1].status) == "new");
  CHECK(b.departments.empty());  // zero then and now: nothing to say
  CHECK(b.figures.empty());      // no figure in both
}

TEST_CASE("only figures both reports have are compared and different filters are named") {
  ReportSnapshot then, now;
  then.figures = {{"cases", 10}, {"third_strikes", 2}};
  now.figures = {{"cases", 7}, {"overdue_actions", 4}};
  then.filters.until = "2025-03-31";
  now.filters.segments = {"smb", "enterprise"};
  then.filters.segments = {"enterprise", "smb"};  // same set, other order
  then.filters.min_accounts = 2;
  now.filters.min_accounts = 3;
  BaselineComparison b = compare_to_baseline(then, now, "x");
  REQUIRE(b.figures.size() == 1);
  CHECK(b.figures[0].delta == -3);
  REQUIRE(b.filter_differences.size() == 2);
  CHECK(b.filter_differences[0] == "--until: 2025-03-31 then, none now");
  CHECK(b.filter_differences[1] == "--min-accounts: 2 then, 3 now");
}

TEST_CASE("a change reads by its direction and a zero change is never worse") {
  Change more_churn{"arr_churned", 100000, 250000, 150000, Direction::more_is_worse, true};
  CHECK(change_tone(more_churn) == "worse");
  CHECK(change_text(more_churn) == "▲ +$150k more");
  Change more_retained{"arr_retained", 100000, 250000, 150000, Direction::more_is_better, true};
  CHECK(change_tone(more_retained) == "better");
  Change less_retained{"arr_retained", 250000, 100000, -150000, Direction::more_is_better, true};
  CHECK(change_tone(less_retained) == "worse");
  CHECK(change_text(less_retained) == "▼ −$150k less");
  Change fewer_cases{"cases", 5, 3, -2, Direction::more_is_worse, false};
  CHECK(change_tone(fewer_cases) == "better");
  CHECK(change_text(fewer_cases) == "▼ −2 fewer");
  Change same{"cases", 5, 5, 0, Direction::more_is_worse, false};
  CHECK(change_tone(same) == "unchanged");
  CHECK(change_text(same) == "no change");
  Change total{"arr_total", 1, 2, 1, Direction::neutral, true};
  CHECK(change_tone(total) == "neutral");
}

TEST_CASE("a baseline that is not JSON is named with its line and column") {
  CHECK(line_column("ab\ncd", 0) == std::pair<std::size_t, std::size_t>{1, 1});
  CHECK(line_column("ab\ncd", 4) == std::pair<std::size_t, std::size_t>{2, 2});
  CHECK(line_column("é\nxé!", 6) == std::pair<std::size_t, std::size_t>{2, 3});  // columns count code points
  std::string message = error_of("{\n  \"schema\": ]\n}");
  CHECK(message.rfind("old.json:2:13: not JSON: ", 0) == 0);
  CHECK(error_of("").rfind("old.json:1:1: not JSON", 0) == 0);
}

TEST_CASE("a baseline that is not a report of this schema is refused with the reason") {
  Report report = examples_report("2025-06-30");
  std::string good = json_of(report);
  CHECK(error_of("[1, 2]").find("is an object, not an array") != std::string::npos);
  CHECK(error_of("{}").find("no \"schema\"") != std::string::npos);
  CHECK(error_of(R"({"schema": "esc-autopsy/report/v2"})").find("a report of schema esc-autopsy/report/v2") !=
        std::string::npos);
  CHECK(error_of(R"({"schema": "esc-autopsy/diagnostics/v1"})").find("is not a report") != std::string::npos);
  auto edited = [&](const std::string& from, const std::string& to, const std::string& after = "") {
    std::string text = good;
    auto at = text.find(from, text.find(after));
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  CHECK(error_of(edited("\"departments\":", "\"departmentz\":")).find("`departments` is missing") != std::string::npos);
  CHECK(error_of(edited("\"accounts\": ", "\"accounts\": \"6\", \"x\": ", "\n  \"causes\": ["))
            .find("`causes[0].accounts` should be a number, not a string") != std::string::npos);
  CHECK(
      error_of(edited("\"as_of\": \"2025-06-30\"", "\"as_of\": 20250630")).find("`options.as_of` should be a string") !=
      std::string::npos);
  // Parts the comparison does not read are dropped unchecked.
  CHECK_NOTHROW(parse_baseline(edited("\"findings\": [", "\"findings\": 7, \"x\": ["), "old.json"));
}

TEST_CASE("read_baseline refuses missing files, folders and files over the limit") {
  auto dir = std::filesystem::temp_directory_path() / "esc-unit-baseline";
  std::filesystem::create_directories(dir);
  std::string file = (dir / "old.json").string();
  std::ofstream(file) << json_of(examples_report("2025-06-30"));
  CHECK(read_baseline(file).as_of == "2025-06-30");
  auto message = [](const std::string& path, std::uintmax_t max) {
    try {
      read_baseline(path, max);
    } catch (const BaselineError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(message(file, 100).find("the largest read is 100 bytes") != std::string::npos);
  CHECK(message(dir.string(), k_max_baseline_bytes).find("is a folder") != std::string::npos);
  CHECK(message((dir / "none.json").string(), k_max_baseline_bytes).find("cannot read the baseline") !=
        std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the text section of the change fits the width and says up and down in words") {
  Report old_report = examples_report("2025-03-31");
  Report new_report = examples_report("2025-06-30");
  BaselineComparison b =
      compare_to_baseline(parse_baseline(json_of(old_report), "old.json"), snapshot_of(new_report), "old.json");
  for (std::size_t width : {60, 80, 100}) {
    std::ostringstream out;
    render_baseline_text(out, b, Style(false), width);
    std::string text = out.str();
    CHECK(text.find("Since 2025-03-31 (baseline old.json)") != std::string::npos);
    CHECK(text.find("▲ +") != std::string::npos);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      INFO(width << ": " << line);
      CHECK(display_width(line) <= width);
    }
  }
}
