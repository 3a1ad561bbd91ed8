// The map of `esc-autopsy import` (MAP.yaml or a built-in preset).
#include "esc/load/import_map.hpp"

#include <fmt/format.h>

#include "esc/load/node_reader.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/model/embedded.hpp"

namespace esc {
namespace {

const std::vector<std::string>& map_keys() {
  static const std::vector<std::string> keys = {"preset",    "columns",       "id_prefix",       "date_format",
                                                "delimiter", "tag_separator", "cause_separator", "values",
                                                "tags",      "accounts"};
  return keys;
}

std::vector<std::string> field_keys() {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < static_cast<std::size_t>(MapField::count); ++i)
    keys.emplace_back(map_field_key(static_cast<MapField>(i)));
  return keys;
}

// Digits only, 1..max_digits of them.
std::optional<int> number(std::string_view text, std::size_t min_digits, std::size_t max_digits) {
  if (text.size() < min_digits || text.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

void read_columns(const YamlNode& node, NodeReader& reader, ImportMap& map) {
  if (!reader.expect_mapping(node, "`columns`")) return;
  reader.check_keys(node, field_keys());
  for (std::size_t i = 0; i < static_cast<std::size_t>(MapField::count); ++i) {
    auto field = static_cast<MapField>(i);
    const YamlNode* value = NodeReader::find(node, map_field_key(field));
    if (!value) continue;
    bool many = field == MapField::tags || field == MapField::causes;
    if (value->kind == YamlNode::Kind::scalar) {
      map.columns[i].push_back(MapColumn{value->value, value->mark});
    } else if (many && value->kind == YamlNode::Kind::sequence) {
      for (const auto& item : value->children)
        if (item.kind == YamlNode::Kind::scalar)
          map.columns[i].push_back(MapColumn{item.value, item.mark});
        else
          reader.report("wrong-type", item.mark, "a column name must be text");
    } else {
      reader.report(
          "wrong-type", value->mark,
          fmt::format("`{}` must name a column{}", map_field_key(field), many ? " or a list of columns" : ""));
    }
  }
}

void read_value_map(const YamlNode& node, NodeReader& reader, std::string_view what, std::vector<MapValue>& out) {
  if (!reader.expect_mapping(node, fmt::format("`values.{}`", what))) return;
  for (std::size_t i = 0; i < node.pair_count(); ++i) {
    const YamlNode& key = node.key(i);
    const YamlNode& value = node.value_at(i);
    if (key.kind != YamlNode::Kind::scalar ||
        (value.kind != YamlNode::Kind::scalar && value.kind != YamlNode::Kind::null)) {
      reader.report("wrong-type", key.mark,
                    fmt::format("`values.{}` maps export values to words: `\"Export value\": word`", what));
      continue;
    }
    out.push_back(MapValue{key.value, value.kind == YamlNode::Kind::null ? "" : value.value, key.mark});
  }
}

}  // namespace

std::string_view map_field_key(MapField field) {
  static const char* const keys[] = {
      "id",     "title",  "account.id", "account.name", "account.segment", "account.region", "account.arr",
      "opened", "closed", "outcome",    "severity",     "summary",         "tags",           "causes"};
  return keys[static_cast<std::size_t>(field)];
}

const std::vector<std::string>& date_format_names() {
  static const std::vector<std::string> names = {"YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", "MM/DD/YYYY", "DD.MM.YYYY"};
  return names;
}

std::optional<Date> parse_export_date(std::string_view text, DateFormat format) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  std::size_t end = text.find_first_of(" T\t");
  std::string_view date = text.substr(0, end);
  if (date.size() < 6) return std::nullopt;
  std::optional<int> year, month, day;
  if (format == DateFormat::iso) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
    year = number(date.substr(0, 4), 4, 4);
    month = number(date.substr(5, 2), 2, 2);
    day = number(date.substr(8, 2), 2, 2);
  } else {
    char separator = format == DateFormat::us ? '/' : '.';
    std::size_t first = date.find(separator);
    std::size_t second = first == std::string_view::npos ? first : date.find(separator, first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    auto a = number(date.substr(0, first), 1, 2);
    auto b = number(date.substr(first + 1, second - first - 1), 1, 2);
    year = number(date.substr(second + 1), 4, 4);
    month = format == DateFormat::us ? a : b;
    day = format == DateFormat::us ? b : a;
  }
  if (!year || !month || !day) return std::nullopt;
  return Date::parse(fmt::format("{:04}-{:02}-{:02}", *year, *month, *day));
}

std::optional<ImportMap> load_import_map(const SourceText& source, std::vector<Diagnostic>& out) {
  ImportMap map;
  map.path = source.path();
  map.columns.resize(static_cast<std::size_t>(MapField::count));
  std::size_t errors_before = count_severity(out, Severity::error);
  NodeReader reader(source.path(), out);
  std::size_t documents = read_single_document(
      source, reader, "an import map",
      [&](const YamlNode& root) {
        if (!reader.expect_mapping(root, "an import map")) return;
        reader.check_keys(root, map_keys());
        if (const YamlNode* columns = NodeReader::find(root, "columns"))
          read_columns(*columns, reader, map);
        else
          reader.report("import-map", root.mark, "the map has no `columns`",
                        "add `columns:` (see `import --print-map`)");
        if (auto prefix = reader.text(root, "id_prefix")) map.id_prefix = prefix->value;
        if (auto format = reader.choice(root, "date_format", date_format_names()))
          map.date_format = *format <= 1 ? DateFormat::iso : *format == 2 ? DateFormat::us : DateFormat::european;
        if (auto separator = reader.text(root, "tag_separator")) map.tag_separator = separator->value;
        if (auto separator = reader.text(root, "cause_separator")) map.cause_separator = separator->value;
        if (auto delimiter = reader.text(root, "delimiter")) {
          std::string d = delimiter->value == "tab" || delimiter->value == "\\t" ? "\t" : delimiter->value;
          if (d.size() == 1 && d != "\"" && d != "\n" && d != "\r")
            map.delimiter = d[0];
          else
            reader.report("import-map", delimiter->mark, "`delimiter` must be one character, or `tab`");
        }
        for (const auto& tag : reader.text_list(root, "tags")) map.extra_tags.push_back(tag.value);
        if (const YamlNode* values = NodeReader::find(root, "values")) {
          if (reader.expect_mapping(*values, "`values`")) {
            reader.check_keys(*values, {"outcome", "severity", "causes"});
            if (const YamlNode* v = NodeReader::find(*values, "outcome"))
              read_value_map(*v, reader, "outcome", map.outcome_values);
            if (const YamlNode* v = NodeReader::find(*values, "severity"))
              read_value_map(*v, reader, "severity", map.severity_values);
            if (const YamlNode* v = NodeReader::find(*values, "causes"))
              read_value_map(*v, reader, "causes", map.cause_values);
          }
        }
        if (const YamlNode* accounts = NodeReader::find(root, "accounts")) {
          if (reader.expect_mapping(*accounts, "`accounts`")) {
            reader.check_keys(*accounts, {"id", "name", "segment", "region", "arr"});
            if (auto v = reader.text(*accounts, "id")) map.accounts_id = v->value;
            if (auto v = reader.text(*accounts, "name")) map.accounts_name = v->value;
            if (auto v = reader.text(*accounts, "segment")) map.accounts_segment = v->value;
            if (auto v = reader.text(*accounts, "region")) map.accounts_region = v->value;
            if (auto v = reader.text(*accounts, "arr")) map.accounts_arr = v->value;
          }
        }
        for (MapField required : {MapField::id, MapField::title, MapField::account_id, MapField::opened})
          if (map.of(required).empty() && NodeReader::find(root, "columns"))
            reader.report(
                "import-map", root.mark,
                fmt::format("the map names no column for `{}`, which every case needs", map_field_key(required)),
                fmt::format("add `{}: COLUMN` under `columns:`", map_field_key(required)));
      },
      out);
  if (documents == 0 && count_severity(out, Severity::error) == errors_before)
    reader.report("import-map", SourceMark{}, "the map is empty", "start from `esc-autopsy import --print-map PRESET`");
  if (count_severity(out, Severity::error) > errors_before) return std::nullopt;
  return map;
}

const std::vector<std::string>& import_preset_names() {
  static const std::vector<std::string> names = {"salesforce-cases", "zendesk-tickets", "jira-issues",
                                                 "gainsight-ctas"};
  return names;
}

std::optional<std::string> import_preset_text(std::string_view name) {
  for (const auto& preset : import_preset_names())
    if (preset == name)
      if (auto text = embedded_file("templates/import/" + preset + ".yaml")) return std::string(*text);
  return std::nullopt;
}

}  // namespace esc
