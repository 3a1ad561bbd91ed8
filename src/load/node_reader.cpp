#include "esc/load/node_reader.hpp"

#include <algorithm>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "esc/model/rule_catalog.hpp"
#include "esc/model/suggest.hpp"

namespace esc {

void NodeReader::report(std::string_view rule, SourceMark mark, std::string message, std::string suggestion) {
  const RuleInfo* info = find_rule(rule);
  m_out.push_back({info ? info->default_severity : Severity::error, std::string(rule), m_file, mark, std::move(message),
                   std::move(suggestion), m_case_index});
}

const YamlNode* NodeReader::find(const YamlNode& map, std::string_view key) {
  if (map.kind != YamlNode::Kind::mapping) return nullptr;
  for (std::size_t i = 0; i < map.pair_count(); ++i) {
    const YamlNode& k = map.key(i);
    if (k.kind == YamlNode::Kind::scalar && k.value == key)
      return map.value_at(i).kind == YamlNode::Kind::null ? nullptr : &map.value_at(i);
  }
  return nullptr;
}

void NodeReader::check_keys(const YamlNode& map, const std::vector<std::string>& known) {
  for (std::size_t i = 0; i < map.pair_count(); ++i) {
    const YamlNode& k = map.key(i);
    if (k.kind != YamlNode::Kind::scalar) {
      report("wrong-type", k.mark, fmt::format("a key must be text, not {}", describe_kind(k.kind)));
      continue;
    }
    bool found = false;
    for (const auto& name : known) found = found || name == k.value;
    if (found) continue;
    // One slip from a known key: its value would be lost without a word, so it is an error.
    auto near =
        std::find_if(known.begin(), known.end(), [&](const std::string& name) { return is_one_slip(k.value, name); });
    if (near != known.end())
      report("misspelled-key", k.mark, fmt::format("unknown key `{}`: a misspelling of `{}`?", k.value, *near),
             fmt::format("write `{}`; as it is, this value is ignored", *near));
    else
      report("unknown-key", k.mark, fmt::format("unknown key `{}`", k.value), did_you_mean(k.value, known));
  }
}

bool NodeReader::expect_mapping(const YamlNode& node, std::string_view what) {
  if (node.kind == YamlNode::Kind::mapping) return true;
  report("wrong-type", node.mark,
         fmt::format("{} must be a mapping (key: value), not {}", what, describe_kind(node.kind)));
  return false;
}

bool NodeReader::expect_sequence(const YamlNode& node, std::string_view what) {
  if (node.kind == YamlNode::Kind::sequence) return true;
  report("wrong-type", node.mark, fmt::format("{} must be a list, not {}", what, describe_kind(node.kind)),
         node.kind == YamlNode::Kind::scalar ? fmt::format("write it as a list: [{}]", node.value) : "");
  return false;
}

std::optional<Located> NodeReader::text(const YamlNode& map, std::string_view key) {
  const YamlNode* node = find(map, key);
  if (!node) return std::nullopt;
  if (node->kind != YamlNode::Kind::scalar) {
    report("wrong-type", node->mark, fmt::format("`{}` must be text, not {}", key, describe_kind(node->kind)));
    return std::nullopt;
  }
  return Located{node->value, node->mark};
}

Located NodeReader::required_text(const YamlNode& map, std::string_view key, std::string_view where) {
  if (!find(map, key)) {
    report("missing-field", map.mark, fmt::format("{} has no `{}`", where, key), fmt::format("add `{}:`", key));
    return {};
  }
  auto value = text(map, key);
  if (value && value->value.find_first_not_of(" \t") == std::string::npos) {
    report("missing-field", value->mark, fmt::format("`{}` of {} is empty", key, where),
           fmt::format("fill in `{}`", key));
    return Located{"", value->mark};
  }
  return value ? *value : Located{};
}

std::optional<Date> NodeReader::date(const YamlNode& map, std::string_view key, SourceMark* mark) {
  auto value = text(map, key);
  if (!value) return std::nullopt;
  if (mark) *mark = value->mark;
  auto parsed = Date::parse(value->value);
  if (!parsed)
    report("bad-date", value->mark, fmt::format("`{}` is not a date: `{}`", key, value->value),
           date_help(value->value));
  return parsed;
}

std::optional<double> NodeReader::non_negative_number(const YamlNode& map, std::string_view key) {
  auto value = text(map, key);
  if (!value) return std::nullopt;
  if (find(map, key)->quoted) {
    report("wrong-type", value->mark, fmt::format("`{}` must be a number, not quoted text", key),
           fmt::format("remove the quotes: {}: {}", key, value->value));
    return std::nullopt;
  }
  const std::string& s = value->value;
  char* end = nullptr;
  errno = 0;
  double number = s.empty() ? 0 : std::strtod(s.c_str(), &end);
  bool ok = !s.empty() && end == s.c_str() + s.size() && errno == 0 && std::isfinite(number) && number >= 0 &&
            s.find_first_of("xXpP") == std::string::npos && s[0] != ' ';
  if (!ok) {
    report("wrong-type", value->mark, fmt::format("`{}` must be a number >= 0, not `{}`", key, s),
           "write the amount as a plain number, e.g. 480000");
    return std::nullopt;
  }
  return number;
}

std::optional<std::size_t> NodeReader::choice(const YamlNode& map, std::string_view key,
                                              const std::vector<std::string>& names, SourceMark* mark) {
  auto value = text(map, key);
  if (!value) return std::nullopt;
  if (mark) *mark = value->mark;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == value->value) return i;
  std::string allowed;
  for (const auto& name : names) allowed += (allowed.empty() ? "" : ", ") + name;
  std::string suggestion = did_you_mean(value->value, names);
  report("bad-enum", value->mark, fmt::format("`{}` must be one of {}; got `{}`", key, allowed, value->value),
         suggestion);
  return std::nullopt;
}

std::vector<Located> NodeReader::text_list(const YamlNode& map, std::string_view key) {
  std::vector<Located> out;
  const YamlNode* node = find(map, key);
  if (!node) return out;
  if (node->kind != YamlNode::Kind::sequence) {  // format the message only when needed
    expect_sequence(*node, fmt::format("`{}`", key));
    return out;
  }
  out.reserve(node->children.size());
  for (const auto& item : node->children) {
    if (item.kind == YamlNode::Kind::scalar)
      out.push_back({item.value, item.mark});
    else
      report("wrong-type", item.mark,
             fmt::format("each item of `{}` must be text, not {}", key, describe_kind(item.kind)));
  }
  return out;
}

std::size_t read_single_document(const SourceText& source, NodeReader& reader, std::string_view what,
                                 const std::function<void(const YamlNode& root)>& on_root,
                                 std::vector<Diagnostic>& out) {
  std::size_t documents = 0;
  read_yaml_documents(
      source, LoadLimits{},
      [&](YamlNode&& root, std::size_t) {
        if (root.kind == YamlNode::Kind::null) return;
        if (++documents > 1) {
          reader.report("wrong-type", root.mark, fmt::format("{} holds one YAML document", what));
          return;
        }
        on_root(root);
      },
      out);
  return documents;
}

}  // namespace esc
