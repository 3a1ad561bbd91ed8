#include "esc/load/case_builder.hpp"

#include <fmt/format.h>

namespace esc {

const std::vector<std::string>& case_keys() {
  static const std::vector<std::string> keys = {"id",      "title",    "account",        "opened",  "closed",
                                                "outcome", "severity", "summary",        "timeline", "causes",
                                                "signals_missed", "actions", "reviewed", "tags"};
  return keys;
}

namespace {

bool is_valid_id(const std::string& id) {
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return !id.empty();
}

std::string text_or_empty(NodeReader& reader, const YamlNode& map, std::string_view key) {
  auto value = reader.text(map, key);
  return value ? value->value : std::string();
}

Located located_or_empty(NodeReader& reader, const YamlNode& map, std::string_view key) {
  auto value = reader.text(map, key);
  return value ? *value : Located{};
}

void read_account(const YamlNode& root, NodeReader& reader, Case& c) {
  const YamlNode* node = NodeReader::find(root, "account");
  if (!node) {
    reader.report("missing-field", root.mark, "the case has no `account`", "add `account:` with at least `id:`");
    return;
  }
  c.account_mark = node->mark;
  if (!reader.expect_mapping(*node, "`account`")) return;
  static const std::vector<std::string> known = {"id", "name", "segment", "region", "arr"};
  reader.check_keys(*node, known);
  c.account.id = reader.required_text(*node, "id", "`account`");
  c.account.name = located_or_empty(reader, *node, "name");
  c.account.segment = located_or_empty(reader, *node, "segment");
  c.account.region = text_or_empty(reader, *node, "region");
  c.account.arr = reader.non_negative_number(*node, "arr");
}

void read_severity(const YamlNode& root, NodeReader& reader, Case& c) {
  const YamlNode* node = NodeReader::find(root, "severity");
  if (!node || !reader.expect_mapping(*node, "`severity`")) return;
  static const std::vector<std::string> known = {"claimed", "assessed"};
  reader.check_keys(*node, known);
  if (auto v = reader.choice(*node, "claimed", severity_names())) c.severity_claimed = static_cast<int>(*v) + 1;
  if (auto v = reader.choice(*node, "assessed", severity_names())) c.severity_assessed = static_cast<int>(*v) + 1;
}

void read_timeline(const YamlNode& root, NodeReader& reader, Case& c) {
  const YamlNode* node = NodeReader::find(root, "timeline");
  if (!node || !reader.expect_sequence(*node, "`timeline`")) return;
  c.timeline.reserve(node->children.size());
  for (const auto& item : node->children) {
    if (!reader.expect_mapping(item, "a timeline entry")) continue;
    static const std::vector<std::string> known = {"date", "event", "source"};
    reader.check_keys(item, known);
    TimelineEntry entry;
    if (!NodeReader::find(item, "date"))
      reader.report("missing-field", item.mark, "the timeline entry has no `date`", "add `date: YYYY-MM-DD`");
    entry.date = reader.date(item, "date", &entry.date_mark);
    entry.event = reader.required_text(item, "event", "the timeline entry").value;
    entry.source = located_or_empty(reader, item, "source");
    c.timeline.push_back(std::move(entry));
  }
}

void read_causes(const YamlNode& root, NodeReader& reader, Case& c) {
  const YamlNode* node = NodeReader::find(root, "causes");
  c.has_causes_key = node != nullptr;
  if (!node || !reader.expect_sequence(*node, "`causes`")) return;
  c.causes.reserve(node->children.size());
  for (const auto& item : node->children) {
    if (!reader.expect_mapping(item, "a cause")) continue;
    static const std::vector<std::string> known = {"code", "confidence", "evidence", "owner", "caused_by", "note"};
    reader.check_keys(item, known);
    Cause cause;
    cause.mark = item.mark;
    cause.code = reader.required_text(item, "code", "the cause");
    if (auto v = reader.choice(item, "confidence", confidence_names())) cause.confidence = static_cast<Confidence>(*v);
    cause.evidence = text_or_empty(reader, item, "evidence");
    cause.owner = located_or_empty(reader, item, "owner");
    cause.caused_by = reader.text_list(item, "caused_by");
    cause.note = text_or_empty(reader, item, "note");
    c.causes.push_back(std::move(cause));
  }
}

void read_actions(const YamlNode& root, NodeReader& reader, Case& c) {
  const YamlNode* node = NodeReader::find(root, "actions");
  if (!node || !reader.expect_sequence(*node, "`actions`")) return;
  c.actions.reserve(node->children.size());
  for (const auto& item : node->children) {
    if (!reader.expect_mapping(item, "an action")) continue;
    static const std::vector<std::string> known = {"action", "owner", "due", "done", "status", "cause"};
    reader.check_keys(item, known);
    Action action;
    action.mark = item.mark;
    action.action = reader.required_text(item, "action", "the action").value;
    action.owner = reader.required_text(item, "owner", "the action");
    action.due = reader.date(item, "due");
    action.done = reader.date(item, "done");
    if (auto v = reader.choice(item, "status", action_status_names())) action.status = static_cast<ActionStatus>(*v);
    action.cause = located_or_empty(reader, item, "cause");
    c.actions.push_back(std::move(action));
  }
}

void read_review(const YamlNode& root, NodeReader& reader, Case& c) {
  const YamlNode* node = NodeReader::find(root, "reviewed");
  if (!node || !reader.expect_mapping(*node, "`reviewed`")) return;
  static const std::vector<std::string> known = {"date", "attendees"};
  reader.check_keys(*node, known);
  Review review;
  review.mark = node->mark;
  review.date = reader.date(*node, "date");
  review.attendees = reader.text_list(*node, "attendees");
  c.reviewed = std::move(review);
}

std::vector<std::string> plain_list(NodeReader& reader, const YamlNode& root, std::string_view key) {
  std::vector<std::string> out;
  for (auto& item : reader.text_list(root, key)) out.push_back(std::move(item.value));
  return out;
}

}  // namespace

std::optional<Case> build_case(const YamlNode& root, NodeReader& reader) {
  if (root.kind == YamlNode::Kind::null) return std::nullopt;
  if (!reader.expect_mapping(root, "a case")) return std::nullopt;
  reader.check_keys(root, case_keys());
  Case c;
  c.mark = root.mark;
  c.id = reader.required_text(root, "id", "the case");
  if (!c.id.value.empty() && !is_valid_id(c.id.value))
    reader.report("wrong-type", c.id.mark,
                  fmt::format("case id `{}` may use only letters, digits, `.`, `_` and `-`", c.id.value),
                  "use an id like ESC-2024-0042");
  c.title = reader.required_text(root, "title", "the case");
  read_account(root, reader, c);
  if (!NodeReader::find(root, "opened"))
    reader.report("missing-field", root.mark, "the case has no `opened`", "add `opened: YYYY-MM-DD`");
  c.opened = reader.date(root, "opened", &c.opened_mark);
  c.closed = reader.date(root, "closed", &c.closed_mark);
  if (auto v = reader.choice(root, "outcome", outcome_names(), &c.outcome_mark)) c.outcome = static_cast<Outcome>(*v);
  read_severity(root, reader, c);
  if (auto v = reader.text(root, "summary")) c.summary = v->value;
  read_timeline(root, reader, c);
  read_causes(root, reader, c);
  c.signals_missed = plain_list(reader, root, "signals_missed");
  read_actions(root, reader, c);
  read_review(root, reader, c);
  c.tags = plain_list(reader, root, "tags");
  return c;
}

}  // namespace esc
