// `.esc-autopsy.yaml`: discovery and parsing (SPEC 4 and 6, the config file).
#include "esc/load/config_loader.hpp"

#include <sys/stat.h>
#include <filesystem>

#include <fmt/format.h>

#include "esc/load/node_reader.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/model/rule_catalog.hpp"
#include "esc/model/suggest.hpp"

namespace esc {
namespace fs = std::filesystem;

const std::vector<std::string>& validate_format_names() {
  static const std::vector<std::string> names = {"text", "json", "github", "junit", "sarif", "auto"};
  return names;
}

const std::vector<std::string>& fail_on_names() {
  static const std::vector<std::string> names = {"error", "warning", "never"};
  return names;
}

namespace {

const std::vector<std::string>& config_keys() {
  static const std::vector<std::string> keys = {"taxonomy",      "rules",  "format", "fail-on",
                                                "max-file-size", "ignore", "limits"};
  return keys;
}

const std::vector<std::string>& severity_words() {
  static const std::vector<std::string> words = {"off", "warning", "error"};  // the order of enum Severity
  return words;
}

// A whole number in [1, maximum]; reports `wrong-type` otherwise.
std::optional<long long> positive_integer(NodeReader& reader, const YamlNode& map, std::string_view key,
                                          long long maximum) {
  auto value = reader.text(map, key);
  if (!value) return std::nullopt;
  long long number = 0;
  bool ok = !value->value.empty() && value->value.size() <= 12;
  for (char c : value->value) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) number = number * 10 + (c - '0');
  }
  if (!ok || number < 1 || number > maximum) {
    reader.report("wrong-type", value->mark,
                  fmt::format("`{}` must be a whole number from 1 to {}, not `{}`", key, maximum, value->value));
    return std::nullopt;
  }
  return number;
}

void read_rules(const YamlNode& node, NodeReader& reader, Config& config) {
  if (!reader.expect_mapping(node, "`rules`")) return;
  for (std::size_t i = 0; i < node.pair_count(); ++i) {
    const YamlNode& key = node.key(i);
    const YamlNode& value = node.value_at(i);
    if (key.kind != YamlNode::Kind::scalar) {
      reader.report("wrong-type", key.mark, fmt::format("a rule id must be text, not {}", describe_kind(key.kind)));
      continue;
    }
    const RuleInfo* rule = find_rule(key.value);
    if (!rule) {
      std::string suggestion = did_you_mean(key.value, rule_ids());
      reader.report("unknown-key", key.mark, fmt::format("unknown rule `{}`", key.value),
                    suggestion.empty() ? "`man esc-autopsy-validate` lists the rule ids" : suggestion);
      continue;
    }
    const auto& words = severity_words();
    std::size_t index = 0;
    while (index < words.size() && !(value.kind == YamlNode::Kind::scalar && value.value == words[index])) ++index;
    if (index == words.size()) {
      std::string got = value.kind == YamlNode::Kind::scalar ? value.value : describe_kind(value.kind);
      reader.report("bad-enum", value.mark.valid() ? value.mark : key.mark,
                    fmt::format("the severity of `{}` must be one of off, warning, error; got `{}`", key.value, got),
                    did_you_mean(got, words));
      continue;
    }
    if (!rule->configurable && static_cast<Severity>(index) != rule->default_severity) {
      reader.report("bad-enum", value.mark.valid() ? value.mark : key.mark,
                    fmt::format("`{}` cannot be set to `{}`: a run that could not read its input always fails "
                                "(exit 2)",
                                key.value, value.value),
                    fmt::format("remove `{}` from `rules`; to skip a path, leave it off the command line or add "
                                "it to `ignore`",
                                key.value));
      continue;
    }
    config.severities[key.value] = static_cast<Severity>(index);
  }
}

void read_config(const YamlNode& root, NodeReader& reader, Config& config) {
  if (!reader.expect_mapping(root, "the config file")) return;
  reader.check_keys(root, config_keys());
  if (auto taxonomy = reader.text(root, "taxonomy")) {
    fs::path path(taxonomy->value);
    config.taxonomy =
        path.is_absolute() ? path.string() : (fs::path(config.directory) / path).lexically_normal().string();
  }
  if (auto v = reader.choice(root, "format", validate_format_names())) config.format = validate_format_names()[*v];
  if (auto v = reader.choice(root, "fail-on", fail_on_names())) config.fail_on = fail_on_names()[*v];
  if (auto size = reader.text(root, "max-file-size")) {
    std::size_t bytes = 0;
    if (parse_byte_size(size->value, bytes) && bytes > 0)
      config.max_file_size = bytes;
    else
      reader.report("wrong-type", size->mark, fmt::format("`max-file-size` must be a size, not `{}`", size->value),
                    "write a size such as 16MiB, 512KiB or 1048576");
  }
  for (auto& pattern : reader.text_list(root, "ignore")) config.ignore.push_back(std::move(pattern.value));
  if (const YamlNode* limits = NodeReader::find(root, "limits")) {
    if (reader.expect_mapping(*limits, "`limits`")) {
      reader.check_keys(*limits, {"max-depth", "max-documents", "max-nodes", "max-findings"});
      if (auto depth = positive_integer(reader, *limits, "max-depth", 10000))
        config.max_depth = static_cast<int>(*depth);
      if (auto documents = positive_integer(reader, *limits, "max-documents", 100000000))
        config.max_documents = static_cast<std::size_t>(*documents);
      if (auto nodes = positive_integer(reader, *limits, "max-nodes", 100000000))
        config.max_nodes = static_cast<std::size_t>(*nodes);
      if (auto findings = positive_integer(reader, *limits, "max-findings", 100000000))
        config.max_findings = static_cast<std::size_t>(*findings);
    }
  }
  if (const YamlNode* rules = NodeReader::find(root, "rules")) read_rules(*rules, reader, config);
}

}  // namespace

std::string find_config_file(const std::string& start) {
  std::error_code error;
  fs::path dir = fs::absolute(start, error).lexically_normal();
  if (error) return {};
  while (true) {
    fs::path candidate = dir / k_config_file_name;
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode)) return candidate.string();
    fs::path parent = dir.parent_path();
    if (parent == dir || parent.empty()) return {};
    dir = parent;
  }
}

Config parse_config(const SourceText& source, const std::string& directory) {
  Config config;
  config.path = source.path();
  config.directory = directory;
  NodeReader reader(source.path(), config.diagnostics);
  read_single_document(
      source, reader, "a config file", [&](const YamlNode& root) { read_config(root, reader, config); },
      config.diagnostics);
  sort_diagnostics(config.diagnostics);
  return config;
}

Config load_config_file(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error).lexically_normal();
  std::string directory = error ? std::string(".") : absolute.parent_path().string();
  std::vector<Diagnostic> diagnostics;
  auto source = read_source(path, LoadLimits{}, diagnostics);
  if (!source) {
    Config config;
    config.path = path;
    config.directory = directory;
    config.diagnostics = std::move(diagnostics);
    return config;
  }
  return parse_config(*source, directory);
}

}  // namespace esc
