#include <doctest/doctest.h>

#include "esc/author/review_session.hpp"
#include "review_helpers.hpp"

using namespace esc;
using namespace test;

namespace {
const char* k_fresh = "id: C-1\ntitle: T\naccount: {id: ACC}\nopened: 2024-03-02\noutcome: open\n";
const char* k_cited =
    "id: C-2\ntitle: T\naccount: {id: ACC}\nopened: 2024-03-02\n"
    "causes:\n"
    "  - code: a.one\n    confidence: likely\n"
    "  - code: b\n    caused_by: [a.one]\n";

ReviewOptions options() {
  ReviewOptions o;
  o.today = *Date::parse("2024-05-01");
  o.file = "case.yaml";
  return o;
}

ReviewResult run(const char* case_text, ReplayPrompt& prompt) {
  static const Taxonomy taxonomy = taxonomy_from(k_small_taxonomy);
  return run_review(case_from(case_text), taxonomy, prompt, options());
}
}  // namespace

TEST_CASE("no to every category changes nothing and asks only the categories and attendees") {
  ReplayPrompt p({key('n'), key('n'), keep()});
  ReviewResult r = run(k_fresh, p);
  CHECK(r.outcome == ReviewResult::Outcome::confirmed);
  CHECK(r.changes.empty());
  REQUIRE(p.asked.size() == 3);
  CHECK(p.asked[0].code == "a");
  CHECK(p.asked[0].text == "Was it A?");
  CHECK(p.asked[0].default_key == 'n');
  CHECK(p.asked[1].code == "b");
  CHECK(p.asked[2].kind == QuestionKind::attendees);
}

TEST_CASE("yes walks the children, a cause found gets confidence, evidence and owner") {
  ReplayPrompt p({key('y'), key('y'), key('c'), text("CRM-5521"), keep(), key('n'), key('n'), text("sales support"),
                  keep(), key('y')});
  ReviewResult r = run(k_fresh, p);
  CHECK(r.outcome == ReviewResult::Outcome::confirmed);
  REQUIRE(r.causes.size() == 1);
  CHECK(r.causes[0].code == "a.one");
  CHECK(r.causes[0].confidence == Confidence::confirmed);
  CHECK(r.causes[0].evidence == "CRM-5521");
  CHECK(r.causes[0].owner.empty());
  CHECK(r.has_review);
  CHECK(r.review_date == "2024-05-01");
  CHECK(r.attendees == std::vector<std::string>{"sales", "support"});
  CHECK(p.asked[1].code == "a.one");
  CHECK(p.asked[1].depth == 1);
  CHECK(p.asked[4].kind == QuestionKind::owner);
  CHECK(p.asked[4].default_text == "sales");
  CHECK(p.asked.back().kind == QuestionKind::confirm);
  REQUIRE(r.changes.size() == 2);
  CHECK(r.changes[0].find("+ add a.one (confirmed, owner sales, evidence: CRM-5521") == 0);
}

TEST_CASE("back undoes the previous answer, however far") {
  // a: yes, a.one: yes, confidence, evidence, owner; at a.two back x5 to `a`, and no.
  ReplayPrompt p({key('y'), key('y'), key('l'), keep(), keep(), back(), back(), back(), key('b'), back(), key('n'),
                  key('n'), keep()});
  ReviewResult r = run(k_fresh, p);
  CHECK(r.outcome == ReviewResult::Outcome::confirmed);
  CHECK(r.causes.empty());
  CHECK(r.changes.empty());
  CHECK(p.asked[6].kind == QuestionKind::owner);
  CHECK(p.asked[8].kind == QuestionKind::confidence);
  CHECK(p.asked[9].code == "a.one");
  CHECK(p.asked[10].code == "a");
}

TEST_CASE("back at the first question stays there") {
  ReplayPrompt p({key('b'), key('q')});
  ReviewResult r = run(k_fresh, p);
  CHECK(r.outcome == ReviewResult::Outcome::quit);
  CHECK(p.asked.size() == 2);
  CHECK(p.asked[1].code == "a");
  CHECK(p.was_told("first question"));
}

TEST_CASE("quit, end of input and interrupt end the session without a result") {
  ReplayPrompt quit({key('y'), key('q')});
  CHECK(run(k_fresh, quit).outcome == ReviewResult::Outcome::quit);
  ReplayPrompt eof({key('y')});
  CHECK(run(k_fresh, eof).outcome == ReviewResult::Outcome::end_of_input);
  Answer ctrl_c = Answer::of(Answer::Kind::interrupt);
  ctrl_c.signal = 2;
  ReplayPrompt interrupt({key('y'), ctrl_c});
  ReviewResult r = run(k_fresh, interrupt);
  CHECK(r.outcome == ReviewResult::Outcome::interrupted);
  CHECK(r.signal == 2);
}

TEST_CASE("unsure records a suspected cause without asking the confidence") {
  ReplayPrompt p({key('y'), key('u'), keep(), keep(), key('n'), key('n'), keep(), key('y')});
  ReviewResult r = run(k_fresh, p);
  REQUIRE(r.causes.size() == 1);
  CHECK(r.causes[0].unsure);
  CHECK(r.causes[0].confidence == Confidence::suspected);
  CHECK(p.asked[2].kind == QuestionKind::evidence);
}

TEST_CASE("yes to a category but no to each cause records the category itself") {
  ReplayPrompt p({key('y'), key('n'), key('n'), key('l'), keep(), keep(), key('n'), keep(), key('y')});
  ReviewResult r = run(k_fresh, p);
  REQUIRE(r.causes.size() == 1);
  CHECK(r.causes[0].code == "a");
  CHECK(r.causes[0].confidence == Confidence::likely);
}

TEST_CASE("existing causes are the defaults, no removes a cause and the links to it") {
  ReplayPrompt p({key('n'), key('y'), keep(), keep(), keep(), keep(), key('y')});
  ReviewResult r = run(k_cited, p);
  CHECK(p.asked[0].default_key == 'y');
  CHECK(p.asked[0].title.find("[causes under it cited]") != std::string::npos);
  CHECK(p.asked[1].title.find("[cited: suspected]") != std::string::npos);
  REQUIRE(r.causes.size() == 1);
  CHECK(r.causes[0].code == "b");
  CHECK(r.causes[0].caused_by.empty());
  CHECK(r.changes == std::vector<std::string>{"~ change b: caused by none (was a.one)", "- remove a.one"});
}

TEST_CASE("skip leaves a category and its causes exactly as they are") {
  ReplayPrompt p({key('s'), key('s'), keep()});
  ReviewResult r = run(k_cited, p);
  CHECK(r.changes.empty());
  CHECK(r.causes.size() == 2);
}

TEST_CASE("a link that would close a cycle is refused and asked again") {
  // Walk both causes, then: a.one caused by b (refused: b is caused by a.one), none; b keeps a.one.
  ReplayPrompt p({key('y'), key('y'), keep(), keep(), keep(), key('n'), key('y'), keep(), keep(), keep(), text("2"),
                  text("b"), clear(), keep(), keep()});
  ReviewResult r = run(k_cited, p);
  CHECK(p.was_told("that would close a cycle: a.one -> b -> a.one"));
  CHECK(p.asked[10].kind == QuestionKind::caused_by);
  CHECK(p.asked[10].options.size() == 1);
  CHECK(p.asked[11].kind == QuestionKind::caused_by);
  CHECK(r.outcome == ReviewResult::Outcome::confirmed);
  CHECK(r.changes.empty());
}

TEST_CASE("unknown departments are refused with a suggestion") {
  ReplayPrompt p(
      {key('y'), key('y'), keep(), keep(), text("suport"), text("support"), key('n'), key('n'), keep(), key('y')});
  ReviewResult r = run(k_fresh, p);
  CHECK(p.was_told("unknown department `suport`; did you mean `support`?"));
  REQUIRE(r.causes.size() == 1);
  CHECK(r.causes[0].owner == "support");
}

TEST_CASE("owners who are not in the room are flagged") {
  ReplayPrompt p({key('y'), key('n'), key('y'), keep(), keep(), keep(), key('n'), text("sales"), keep(), key('y')});
  ReviewResult r = run(k_fresh, p);
  CHECK(p.was_told("engineering owns a.two but is not in the room (owner-absent)"));
  CHECK(r.outcome == ReviewResult::Outcome::confirmed);
}

TEST_CASE("declining at the confirmation is not a confirmed result") {
  ReplayPrompt p({key('y'), key('y'), keep(), keep(), keep(), key('n'), key('n'), keep(), key('n')});
  CHECK(run(k_fresh, p).outcome == ReviewResult::Outcome::declined);
}

TEST_CASE("aliases in the case are resolved and reported as a rename") {
  const char* old =
      "id: C-3\ntitle: T\naccount: {id: ACC}\nopened: 2024-03-02\ncauses:\n  - code: a.old\n    confidence: likely\n";
  ReplayPrompt p({key('s'), key('n'), keep(), key('y')});
  ReviewResult r = run(old, p);
  REQUIRE(r.causes.size() == 1);
  CHECK(r.causes[0].code == "a.one");
  CHECK(r.changes == std::vector<std::string>{"~ change a.one: renamed from deprecated `a.old`"});
}

TEST_CASE("cycle detection follows links transitively") {
  std::vector<ReviewedCause> causes(3);
  causes[0].code = "x";
  causes[1].code = "y";
  causes[1].caused_by = {"x"};
  causes[2].code = "z";
  causes[2].caused_by = {"y"};
  CHECK(cycle_if_linked(causes, "x", {"z"}) == "x -> y -> z -> x");
  CHECK(cycle_if_linked(causes, "x", {"x"}) == "x -> x");
  CHECK(cycle_if_linked(causes, "z", {"x"}).empty());
  CHECK(find_link_path(causes, "x", "z") == std::vector<std::string>{"x", "y", "z"});
}

TEST_CASE("causes the taxonomy does not know are kept as written, and said so") {
  const char* odd =
      "id: C-4\ntitle: T\naccount: {id: ACC}\nopened: 2024-03-02\ncauses:\n  - code: not.a.code\n  - code: b\n"
      "  - code: b\n";
  ReplayPrompt p({key('n'), key('n'), keep(), key('y')});
  ReviewResult r = run(odd, p);
  CHECK(p.was_told("line 6: `not.a.code` is not in the taxonomy or is cited twice; review leaves it as it is"));
  CHECK(p.was_told("line 8: `b` is not in the taxonomy"));
  REQUIRE(r.causes.size() == 2);
  CHECK(r.causes[0].code == "not.a.code");
  CHECK(r.causes[0].as_is);
  CHECK(r.changes == std::vector<std::string>{"- remove b"});
}

TEST_CASE("removing a cause an action names asks to re-point or drop the action") {
  std::string case_text = std::string(k_cited) +
                          "actions:\n  - action: Fix the pitch\n    owner: sales\n    cause: a.one\n"
                          "  - action: Other\n    owner: support\n    cause: b\n";
  // a: no (removes a.one); b: yes, keep confidence/evidence/owner; the action: 1 (b).
  ReplayPrompt p({key('n'), key('y'), keep(), keep(), keep(), text("1"), keep(), key('y')});
  ReviewResult r = run(case_text.c_str(), p);
  CHECK(r.outcome == ReviewResult::Outcome::confirmed);
  REQUIRE(r.action_fixes.size() == 1);
  CHECK(r.action_fixes[0].action == 0);
  CHECK(r.action_fixes[0].cause == "b");
  bool asked = false;
  for (const auto& q : p.asked)
    if (q.kind == QuestionKind::action) {
      asked = true;
      CHECK(q.title.find("action \"Fix the pitch\" names a.one") != std::string::npos);
    }
  CHECK(asked);
  CHECK(r.changes.back() == "~ action \"Fix the pitch\": cause a.one -> b");

  ReplayPrompt drop({key('n'), key('y'), keep(), keep(), keep(), clear(), keep(), key('y')});
  ReviewResult dropped = run(case_text.c_str(), drop);
  REQUIRE(dropped.action_fixes.size() == 1);
  CHECK(dropped.action_fixes[0].cause.empty());
}

TEST_CASE("a category walked by default is never recorded itself when its causes are answered no") {
  // What ScriptedPrompt gives for a category the answers file does not name: keep (the default).
  ReplayPrompt p({keep(), key('n'), keep(), keep(), keep(), key('y')});
  ReviewResult r = run("id: C-3\ntitle: T\naccount: {id: ACC}\nopened: 2024-03-02\ncauses:\n  - code: a.one\n", p);
  CHECK(p.asked[0].default_key == 'y');
  CHECK(r.causes.empty());
  CHECK(r.changes == std::vector<std::string>{"- remove a.one"});
}

TEST_CASE("an action block review cannot edit: removing its cause is refused until the answer is undone") {
  std::string case_text = std::string(k_cited) + "actions: [{action: Fix the pitch, owner: sales, cause: a.one}]\n";
  static const Taxonomy taxonomy = taxonomy_from(k_small_taxonomy);
  ReviewOptions o = options();
  o.actions_editable = false;
  // a: no; b: yes and its defaults; the action: 1 is refused and asked again; quit.
  ReplayPrompt p({key('n'), key('y'), keep(), keep(), keep(), text("1"), key('q'), key('y')});
  ReviewResult r = run_review(case_from(case_text), taxonomy, p, o);
  CHECK(r.outcome == ReviewResult::Outcome::quit);
  REQUIRE(p.asked.size() >= 7);
  CHECK(p.asked[5].kind == QuestionKind::action);
  CHECK(p.asked[5].text.find("cannot edit it") != std::string::npos);
  CHECK(p.asked[6].kind == QuestionKind::action);  // refused: the same question again
}
