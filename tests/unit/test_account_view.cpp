// report --account ID: the account's part of the whole set's analysis, its context and its text.
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <doctest/doctest.h>

#include "context_check.hpp"
#include "esc/analyze/account_view.hpp"
#include "esc/analyze/analyzer.hpp"
#include "esc/analyze/redact.hpp"
#include "esc/load/case_loader.hpp"
#include "esc/load/taxonomy_loader.hpp"
#include "esc/render/account_render.hpp"
#include "esc/render/template_check.hpp"
#include "esc/validate/validator.hpp"

using namespace esc;

namespace {

// The examples loaded as `report` loads them: digested, then trimmed.
struct Examples {
  CaseSet set;
  std::vector<const CaseDigest*> cases;
  Report whole;
};

// Built in place: the digests point into the set's cases, so the set must not be copied.
const Examples& examples() {
  static Examples e;
  static bool loaded = false;
  if (loaded) return e;
  loaded = true;
  LoadOptions load;
  load.keep = CaseDetail::full;  // the per-case rules run after loading here
  load.digest = &default_taxonomy();
  e.set = load_case_set({std::string(ESC_SOURCE_DIR) + "/examples/cases"}, load);
  validate_case_set(e.set, default_taxonomy(), ValidationPolicy{});
  for (const auto& d : e.set.digests)
    if (!d.source->has_errors) e.cases.push_back(&d);
  AnalysisOptions options;
  options.as_of = *Date::parse("2025-06-30");
  e.whole = analyze(e.cases, *e.set.strings, default_taxonomy(), options);
  return e;
}

AccountView acme() {
  const Examples& e = examples();
  auto view = account_view(e.whole, e.cases, *e.set.strings, default_taxonomy(), "ACME123");
  REQUIRE(view);
  return *view;
}

}  // namespace

TEST_CASE("the account view holds the account's escalations by date with their chains and actions") {
  AccountView view = acme();
  CHECK(view.name == "ACME Corp");
  CHECK(view.segment == "enterprise");
  REQUIRE(view.escalations.size() == 3);
  CHECK(view.third_strike);
  for (std::size_t i = 1; i < view.escalations.size(); ++i)
    CHECK(*view.escalations[i - 1].opened < *view.escalations[i].opened);
  const AccountEscalation& first = view.escalations.front();
  CHECK(first.id == "ESC-2023-0007");
  // bad-sale.wrong-solution led to rushed-onboarding.too-high-level, which led to the workaround closure.
  REQUIRE(first.chains.size() == 1);
  CHECK(first.chains[0] == std::vector<std::string>{"bad-sale.wrong-solution", "rushed-onboarding.too-high-level",
                                                    "support-closure-incentives.workaround-closure"});
  CHECK(first.actions.size() == 3);
  CHECK(first.actions[0].status == ActionStatus::done);
  const AccountEscalation& last = view.escalations.back();
  CHECK(last.chains.size() == 2);  // two separate chains in one case
  std::size_t overdue = 0;
  for (const auto& a : last.actions) overdue += a.overdue ? 1 : 0;
  CHECK(overdue == 2);  // due 2025-04-30 and 2025-05-15, open at 2025-06-30
}

TEST_CASE("the account view takes each fix verdict from the whole set") {
  AccountView view = acme();
  const Report& whole = examples().whole;
  std::set<std::string> hit;
  for (const auto& e : view.escalations)
    for (const auto& c : e.causes) hit.insert(c.code);
  CHECK(view.causes.size() == hit.size());
  for (const auto& f : view.causes) {
    CAPTURE(f.code);
    const FixStat* expected = nullptr;
    for (const auto& fix : whole.fixes)
      if (fix.code == f.code) expected = &fix;
    REQUIRE(f.fix.has_value() == (expected != nullptr));
    if (!expected) continue;
    CHECK(f.fix->verdict == expected->verdict);
    CHECK(f.fix->fixed == expected->fixed);
    CHECK(f.fix->cases_after == expected->cases_after);
  }
  for (std::size_t i = 1; i < view.causes.size(); ++i)
    CHECK(view.causes[i - 1].escalations >= view.causes[i].escalations);
  CHECK(view.set_cases == whole.summary.cases);
}

TEST_CASE("an account without cases has no view") {
  const Examples& e = examples();
  CHECK_FALSE(account_view(e.whole, e.cases, *e.set.strings, default_taxonomy(), "acme123"));
  CHECK_FALSE(account_view(e.whole, e.cases, *e.set.strings, default_taxonomy(), ""));
}

TEST_CASE("redacting the account view uses the whole report's pseudonym") {
  AccountView view = acme();
  Report whole = examples().whole;
  Report copy = whole;
  redact_report(copy);
  redact_report(whole, view);
  CHECK(view.redacted);
  CHECK(view.name.empty());
  CHECK(view.id == account_pseudonym("ACME123"));
  bool listed = false;
  for (const auto& a : copy.accounts) listed = listed || a.id == view.id;
  CHECK(listed);
  for (const auto& e : view.escalations) {
    CHECK(e.title.find("ACME") == std::string::npos);
    for (const auto& a : e.actions) CHECK(a.text.find("ACME") == std::string::npos);
  }
}

TEST_CASE("the account view context has exactly the documented keys") {
  context_check::check_keys(build_account_context(acme(), default_taxonomy()), account_context_schema());
}

TEST_CASE("the report man page documents every variable of the account view context") {
  std::ifstream in(std::string(ESC_SOURCE_DIR) + "/man/esc-autopsy-report.1");
  std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t at = page.find(".SH ACCOUNT VIEW");
  REQUIRE(at != std::string::npos);
  page = page.substr(at, page.find("\n.SH ", at + 1) - at);
  context_check::check_documented(page, account_context_schema());
}

TEST_CASE("the built-in account templates pass the template check and render") {
  for (TemplateFormat format : {TemplateFormat::html, TemplateFormat::markdown}) {
    std::ostringstream out;
    render_account_template(out, acme(), default_taxonomy(), format);
    CHECK(out.str().find("ESC-2024-0003") != std::string::npos);
  }
}

TEST_CASE("the text account view escapes control characters and wraps to the width") {
  AccountView view = acme();
  view.escalations[0].title = "Red\x1b[31mAlert \xe2\x80\xae reversed";
  std::ostringstream out;
  render_account_text(out, view, default_taxonomy(), Style(false), 60);
  std::string text = out.str();
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("\\x1b[31mAlert") != std::string::npos);
  std::istringstream lines(text);
  std::size_t longest = 0, count = 0;
  for (std::string line; std::getline(lines, line); ++count)
    if (line.find("causes:") != std::string::npos || line.find("chain:") != std::string::npos)
      longest = std::max(longest, line.size());
  CHECK(longest > 0);
  CHECK(longest <= 60 + 8);  // a code longer than the room stays whole; arrows are 3 bytes
}
