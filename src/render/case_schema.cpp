// The JSON Schema of case files (SPEC 2) for editors, from the active taxonomy.
#include "esc/render/case_schema.hpp"

#include <nlohmann/json.hpp>

#include "esc/model/case.hpp"

namespace esc {
namespace {

using nlohmann::ordered_json;

// The loader reads every scalar as text: `title: 2024`, `id: 42` or
// `evidence: true` are the text "2024", "42" and "true". A YAML 1.2 reader
// (yaml-language-server, a core-schema Python loader) gives a number or a
// boolean there, so free-text fields accept those too; null stays refused
// (the loader says "must be text, not nothing").
ordered_json scalar_types() { return ordered_json::array({"string", "number", "boolean"}); }

ordered_json text(const char* description) { return {{"type", scalar_types()}, {"description", description}}; }

ordered_json ref(const char* name, const char* description) {
  // draft-07 ignores siblings of $ref, so the description goes beside it in allOf.
  return {{"description", description}, {"allOf", ordered_json::array({{{"$ref", std::string("#/definitions/") + name}}})}};
}

ordered_json words(const std::vector<std::string>& names, const char* description) {
  return {{"type", "string"}, {"enum", names}, {"description", description}};
}

ordered_json object(ordered_json properties, std::vector<std::string> required, const char* description) {
  ordered_json o = {{"type", "object"}, {"description", description}};
  if (!required.empty()) o["required"] = required;
  o["properties"] = std::move(properties);
  o["additionalProperties"] = false;
  return o;
}

ordered_json list(ordered_json items, const char* description) {
  return {{"type", "array"}, {"description", description}, {"items", std::move(items)}};
}

ordered_json cause_codes(const Taxonomy& taxonomy) {
  ordered_json codes = ordered_json::array(), descriptions = ordered_json::array();
  for (const auto& entry : taxonomy.entries()) {
    codes.push_back(entry.code);
    descriptions.push_back(entry.title + (entry.question.empty() ? "" : " - " + entry.question));
  }
  for (const auto& entry : taxonomy.entries())
    for (const auto& alias : entry.aliases) {
      codes.push_back(alias);
      descriptions.push_back("Deprecated: write " + entry.code + " (" + entry.title + ")");
    }
  return {{"type", "string"},
          {"description", "A cause code of the taxonomy: a category or a cause under it"},
          {"enum", std::move(codes)},
          {"enumDescriptions", std::move(descriptions)}};
}

ordered_json departments(const Taxonomy& taxonomy) {
  ordered_json ids = ordered_json::array(), titles = ordered_json::array();
  for (const auto& d : taxonomy.departments()) {
    ids.push_back(d.id);
    titles.push_back(d.title);
  }
  return {{"type", "string"},
          {"description", "A department id of the taxonomy"},
          {"enum", std::move(ids)},
          {"enumDescriptions", std::move(titles)}};
}

ordered_json definitions(const Taxonomy& taxonomy) {
  ordered_json cause = object(
      {{"code", ref("causeCode", "The taxonomy code of this cause")},
       {"confidence", words(confidence_names(), "How sure the review is (default suspected)")},
       {"evidence", text("Tickets, PRDs, CRM records: should be present when confirmed")},
       {"owner", ref("department", "The owning department, overriding the taxonomy's owner")},
       {"caused_by", list({{"$ref", "#/definitions/causeCode"}}, "Codes of other causes in this case that led to this one")},
       {"note", text("Free text")}},
      {"code"}, "One root cause or contributing cause");
  ordered_json action = object(
      {{"action", text("What will be done")},
       {"owner", ref("department", "The department that owns the action")},
       {"due", ref("date", "When it is due (YYYY-MM-DD)")},
       {"done", ref("date", "When it was done (YYYY-MM-DD); the fix date of its cause")},
       {"status", words(action_status_names(), "open, done or dropped (default open)")},
       {"cause", ref("causeCode", "The cause of this case the action fixes")}},
      {"action", "owner"}, "A follow-up action");
  ordered_json entry = object({{"date", ref("date", "When it happened (YYYY-MM-DD)")},
                               {"event", text("What happened")},
                               {"source", ref("department", "The department it came from")}},
                              {"date", "event"}, "A timeline entry");
  return {{"date",
           {{"type", "string"},
            {"pattern", "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
            {"description",
             "A calendar date, YYYY-MM-DD, which is text: esc-autopsy and YAML 1.2 readers (yaml-language-server) "
             "read it as a string. YAML 1.1 loaders such as PyYAML's default SafeLoader turn it into a date object, "
             "which no JSON Schema validates: load with a loader that keeps timestamps as strings (drop the "
             "tag:yaml.org,2002:timestamp resolver) before checking a file against this schema"}}},
          {"causeCode", cause_codes(taxonomy)},
          {"department", departments(taxonomy)},
          {"cause", std::move(cause)},
          {"action", std::move(action)},
          {"timelineEntry", std::move(entry)}};
}

ordered_json properties() {
  ordered_json account = object({{"id", {{"type", scalar_types()}, {"minLength", 1}, {"description", "The key that ties cases to one account"}}},
                                 {"name", text("The account's name")},
                                 {"segment", text("enterprise, mid-market, smb, ...")},
                                 {"region", text("EMEA, NA, APAC, ...")},
                                 {"arr", {{"type", "number"}, {"minimum", 0}, {"description", "Annual recurring revenue"}}}},
                                {"id"}, "The customer account");
  ordered_json severity = object({{"claimed", words(severity_names(), "The severity the escalation was opened with")},
                                  {"assessed", words(severity_names(), "What the review found it really was")}},
                                 {}, "sev1 (most severe) .. sev4");
  ordered_json reviewed = object({{"date", ref("date", "The day of the autopsy meeting")},
                                  {"attendees", list({{"$ref", "#/definitions/department"}}, "Departments in the room")}},
                                 {}, "The autopsy meeting itself");
  return {{"id",
           {{"type", scalar_types()},
            {"pattern", "^[A-Za-z0-9._-]+$"},
            {"description", "Unique case id, e.g. ESC-2024-0042 (a plain number such as 42 is read as the text \"42\")"}}},
          {"title",
           {{"type", scalar_types()},
            {"minLength", 1},
            {"description", "One line: what went wrong (numbers and true/false are read as text)"}}},
          {"account", std::move(account)},
          {"opened", ref("date", "When the escalation was opened (YYYY-MM-DD)")},
          {"closed", ref("date", "When it was closed (YYYY-MM-DD), not before opened")},
          {"outcome", words(outcome_names(), "How it ended for the account")},
          {"severity", std::move(severity)},
          {"summary", text("Free text")},
          {"timeline", list({{"$ref", "#/definitions/timelineEntry"}}, "Events in ascending date order")},
          {"causes", list({{"$ref", "#/definitions/cause"}}, "The causes found by the review")},
          {"signals_missed", list({{"type", scalar_types()}}, "Warnings nobody acted on")},
          {"actions", list({{"$ref", "#/definitions/action"}}, "Follow-up actions")},
          {"reviewed", std::move(reviewed)},
          {"tags", list({{"type", scalar_types()}}, "Free labels")}};
}

}  // namespace

void render_case_schema(std::ostream& out, const Taxonomy& taxonomy) {
  ordered_json schema = {{"$schema", "http://json-schema.org/draft-07/schema#"},
                         {"$id", "https://github.com/esc-autopsy/esc-autopsy/schemas/autopsy-v1.json"},
                         {"title", "esc-autopsy case file (autopsy/v1)"},
                         {"description",
                          "One escalation autopsy; generated by `esc-autopsy schema` from the active taxonomy. "
                          "Written for YAML 1.2 (core schema) readers: dates are strings (see definitions/date), "
                          "and free-text fields accept what such a reader makes of a plain number or true/false, "
                          "as esc-autopsy reads those as text"},
                         {"type", "object"},
                         {"required", {"id", "title", "account", "opened"}},
                         {"properties", properties()},
                         {"additionalProperties", false},
                         {"definitions", definitions(taxonomy)}};
  out << schema.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace esc
