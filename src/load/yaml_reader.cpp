// libyaml's event API behind read_yaml_documents(). libyaml is a streaming C
// parser (several times faster than yaml-cpp's scanner) that reports every
// event with its position; we build our own small tree per document, which
// lets us reject duplicate keys and aliases (alias bombs, cyclic aliases),
// bound nesting depth and the number of values, and drop each document's
// tree as soon as it has been read.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include <fmt/format.h>
#include <yaml.h>

#include "esc/load/yaml_node.hpp"

namespace esc {

const char* describe_kind(YamlNode::Kind kind) {
  switch (kind) {
    case YamlNode::Kind::null:
      return "nothing";
    case YamlNode::Kind::scalar:
      return "text";
    case YamlNode::Kind::sequence:
      return "a list";
    case YamlNode::Kind::mapping:
      return "a mapping";
  }
  return "nothing";
}

namespace {

// Thrown by the tree builder to stop reading at a limit.
struct LimitReached {
  SourceMark mark;
  std::string message;
  std::string suggestion;
};

bool is_plain_null(std::string_view value) {
  if (value.size() > 4) return false;  // the common case: no comparisons
  return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

// True when libyaml's line count can disagree with ours: it also breaks lines
// at a lone CR, NEL (U+0085), LS (U+2028) and PS (U+2029).
bool has_unusual_line_breaks(const std::string& text) {
  for (const char* p = text.data(); (p = static_cast<const char*>(std::memchr(p, '\r', text.data() + text.size() - p)));
       ++p)
    if (p + 1 == text.data() + text.size() || p[1] != '\n') return true;
  return text.find("\xC2\x85") != std::string::npos || text.find("\xE2\x80\xA8") != std::string::npos ||
         text.find("\xE2\x80\xA9") != std::string::npos;
}

// Turns libyaml's marks (0-based line and column, index in code points) into
// ours (1-based line and column in code points, lines broken at LF only).
class MarkMapper {
 public:
  explicit MarkMapper(const SourceText& source) : m_source(source), m_direct(!has_unusual_line_breaks(source.text())) {}

  SourceMark operator()(const yaml_mark_t& mark) {
    // Lines counted the other way do not match ours: go by the offset.
    if (!m_direct) return m_source.mark_at(byte_offset(mark.index));
    // At the end of a file without a final line break, libyaml counts one
    // more line than there is: point at the end of the text instead.
    if (mark.line >= m_source.line_count()) return m_source.mark_at(m_source.text().size());
    return SourceMark{static_cast<std::uint32_t>(mark.line + 1), static_cast<std::uint32_t>(mark.column + 1)};
  }

 private:
  // The byte offset of the code point numbered `index`, walking from the last
  // answer: events arrive in order, so the walks add up to one pass.
  std::size_t byte_offset(std::size_t index) {
    const std::string& text = m_source.text();
    auto is_lead = [&](std::size_t at) { return (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80; };
    while (m_index < index && m_byte < text.size()) {
      ++m_byte;
      while (m_byte < text.size() && !is_lead(m_byte)) ++m_byte;
      ++m_index;
    }
    while (m_index > index && m_byte > 0) {
      --m_byte;
      while (m_byte > 0 && !is_lead(m_byte)) --m_byte;
      --m_index;
    }
    return m_byte;
  }

  const SourceText& m_source;
  bool m_direct;
  std::size_t m_index = 0;  // code point index of m_byte
  std::size_t m_byte = 0;
};

// libyaml's parser and current event, released however we leave.
class EventReader {
 public:
  explicit EventReader(const std::string& text) {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    yaml_parser_set_encoding(&m_parser, YAML_UTF8_ENCODING);
  }
  ~EventReader() {
    release();
    yaml_parser_delete(&m_parser);
  }
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;

  /// The next event, or nullptr on a syntax error (see parser()).
  const yaml_event_t* next() {
    release();
    if (!yaml_parser_parse(&m_parser, &m_event)) return nullptr;
    m_has_event = true;
    return &m_event;
  }
  const yaml_parser_t& parser() const { return m_parser; }

 private:
  void release() {
    if (m_has_event) yaml_event_delete(&m_event);
    m_has_event = false;
  }

  yaml_parser_t m_parser;
  yaml_event_t m_event;
  bool m_has_event = false;
};

// Builds one document's tree from its events.
class TreeBuilder {
 public:
  TreeBuilder(const SourceText& source, const LoadLimits& limits, std::vector<Diagnostic>& out)
      : m_source(source), m_limits(limits), m_out(out) {}

  void start_document() {
    m_root = YamlNode{};
    m_stack.clear();
    m_nodes = 0;
  }
  YamlNode take_root() { return std::move(m_root); }

  void scalar(SourceMark mark, std::string_view value, bool plain) {
    if (plain && is_plain_null(value))
      add_leaf(YamlNode::Kind::null, mark, {}, false);
    else
      add_leaf(YamlNode::Kind::scalar, mark, value, !plain);
  }

  void open(YamlNode::Kind kind, SourceMark mark) {
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth)
      throw LimitReached{mark, fmt::format("nesting is deeper than {} levels", m_limits.max_depth),
                         "case files need only a few levels; flatten the structure"};
    YamlNode node;
    node.kind = kind;
    node.mark = mark;
    // A parent's address is stable while we are inside it: only the innermost
    // open node grows.
    m_stack.push_back(&append(std::move(node)));
  }

  void close() {
    if (m_stack.empty()) return;
    if (m_stack.back()->kind == YamlNode::Kind::mapping) remove_duplicate_keys(*m_stack.back());
    m_stack.pop_back();
  }

 private:
  YamlNode& append(YamlNode node) {
    // A 16 MiB file of one-character list items would otherwise become a
    // tree of millions of nodes: bound the work and memory per document.
    if (++m_nodes > m_limits.max_nodes)
      throw LimitReached{node.mark, fmt::format("more than {} values in one document", m_limits.max_nodes),
                         "a case needs a few hundred; split the document, or raise limits.max-nodes"};
    if (m_stack.empty()) {
      m_root = std::move(node);
      return m_root;
    }
    auto& children = m_stack.back()->children;
    children.push_back(std::move(node));
    return children.back();
  }

  void add_leaf(YamlNode::Kind kind, SourceMark mark, std::string_view value, bool quoted) {
    YamlNode node;
    node.kind = kind;
    node.value.assign(value.data(), value.size());
    node.quoted = quoted;
    node.mark = mark;
    append(std::move(node));
  }

  // True when a scalar key occurs twice; case files have small mappings, so
  // the common case compares in place without allocating.
  static bool has_duplicate_keys(const YamlNode& map) {
    std::size_t n = map.pair_count();
    if (n > 32) {
      std::unordered_set<std::string_view> seen;
      for (std::size_t i = 0; i < n; ++i)
        if (map.key(i).kind == YamlNode::Kind::scalar && !seen.insert(map.key(i).value).second) return true;
      return false;
    }
    for (std::size_t i = 1; i < n; ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (map.key(i).kind == YamlNode::Kind::scalar && map.key(j).kind == YamlNode::Kind::scalar &&
            map.key(i).value == map.key(j).value)
          return true;
    return false;
  }

  // Reports the second and later occurrences of a scalar key and drops them,
  // keeping the first.
  void remove_duplicate_keys(YamlNode& map) {
    if (map.pair_count() < 2 || !has_duplicate_keys(map)) return;
    std::unordered_set<std::string> seen;
    std::vector<YamlNode> kept;
    kept.reserve(map.children.size());
    for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
      YamlNode& key = map.children[i];
      if (key.kind == YamlNode::Kind::scalar && !seen.insert(key.value).second) {
        // A second `id` at the top: usually a second case pasted without a separator.
        bool pasted_case = &map == &m_root && key.value == "id";
        m_out.push_back({Severity::error, "duplicate-key", m_source.path(), key.mark,
                         fmt::format("duplicate key `{}` in this mapping", key.value),
                         pasted_case ? "a second case starts here? Put a line `---` before it: each case of a "
                                       "file is its own YAML document"
                                     : "keep one of them; YAML readers disagree about which one wins"});
        continue;
      }
      kept.push_back(std::move(map.children[i]));
      kept.push_back(std::move(map.children[i + 1]));
    }
    map.children = std::move(kept);
  }

  const SourceText& m_source;
  const LoadLimits& m_limits;
  std::vector<Diagnostic>& m_out;
  YamlNode m_root;
  std::vector<YamlNode*> m_stack;
  std::size_t m_nodes = 0;  // in the current document
};

// libyaml's problem ("mapping values are not allowed in this context") with
// its context ("while scanning a simple key") when there is one.
std::string syntax_message(const yaml_parser_t& parser) {
  std::string message = parser.problem ? parser.problem : "malformed YAML";
  if (parser.context) message += fmt::format(" ({})", parser.context);
  return message;
}

// A help line for every libyaml message a user can hit in a case file.
std::string syntax_suggestion(const yaml_parser_t& parser) {
  std::string_view problem = parser.problem ? parser.problem : "";
  std::string_view context = parser.context ? parser.context : "";
  auto has = [&](const char* part) { return problem.find(part) != std::string_view::npos; };
  if (problem == "mapping values are not allowed in this context")
    return "a `: ` inside a value starts a new key; put the value in quotes";
  if (has("could not find expected ':'"))
    return "this line needs a `:` after its key (`key: value`); a line that continues the value above must be "
           "indented under it, or the value quoted";
  if (has("tab character")) return "indent with spaces, not tabs";
  if (has("cannot start any token"))
    return "indent with spaces, not tabs, and quote values that start with `@`, `%` or a backquote";
  if (has("did not find expected key"))
    return "this line is not indented like the keys of the mapping it belongs to: line keys up exactly, or "
           "indent a continued value under its key (a `#` comment inside a value ends it)";
  if (has("did not find expected <document start>"))
    return "text after the end of a case: separate cases with a line `---`, and quote a value that goes on "
           "after a closing quote";
  if (has("block sequence entries are not allowed"))
    return "a `- ` item must start its own line, indented under its key";
  if (has("did not find expected '-' indicator"))
    return "every item of a list starts with `- ` at the same indentation";
  if (has("did not find expected ',' or"))
    return "separate the items of a [...] or {...} with commas and close the bracket; quote values holding `,`, "
           "`[`, `]`, `{` or `}`";
  if (has("did not find expected node content"))
    return "a value is missing after `-` or `:`, or starts with a character that needs quotes";
  if (has("found unknown escape character") || has("hexdecimal") || has("Unicode character escape"))
    return "in \"double quotes\" a backslash starts an escape: write \\\\ for a backslash, or use 'single quotes'";
  if (has("found unexpected ':'")) return "quote a value that contains `:`";
  if (has("found undefined tag handle") || has("did not find expected tag"))
    return "a value starting with `!` is a YAML tag: quote it";
  if (has("found unexpected document indicator"))
    return "a line `---` or `...` inside a quoted value ends the document: indent it or close the quote first";
  if (has("end of stream") && context.find("quoted") != std::string_view::npos) return "add the closing quote";
  if (has("end of stream")) return "the file ends in the middle of a value: close the bracket or quote";
  if (has("duplicate anchor") || has("undefined alias"))
    return "`&` and `*` start YAML anchors and aliases: quote a value that begins with them";
  return "check the YAML at the caret; quoting the value usually helps";
}

// The libyaml name of a character the reader refused, as U+XXXX with a word on what it is.
std::string refused_character(int value) {
  auto code = static_cast<std::uint32_t>(value);
  const char* what = code == 0xFFFE || code == 0xFFFF ? "a noncharacter"
                     : code >= 0x80 && code <= 0x9F   ? "a C1 control character"
                                                      : "a control character";
  return fmt::format("U+{:04X} ({})", code, what);
}

}  // namespace

void read_yaml_documents(const SourceText& source, const LoadLimits& limits,
                         const std::function<void(YamlNode&& root, std::size_t index)>& on_document,
                         std::vector<Diagnostic>& out) {
  EventReader reader(source.text());
  MarkMapper to_mark(source);
  TreeBuilder builder(source, limits, out);
  std::size_t index = 0;
  try {
    while (const yaml_event_t* event = reader.next()) {
      SourceMark mark = to_mark(event->start_mark);
      switch (event->type) {
        case YAML_STREAM_END_EVENT:
          return;
        case YAML_DOCUMENT_START_EVENT:
          if (index >= limits.max_documents) {
            out.push_back({Severity::error, "input-limit", source.path(), mark,
                           fmt::format("more than {} documents in one file", limits.max_documents),
                           "split the file, or raise the documents limit in the config file"});
            return;
          }
          builder.start_document();
          break;
        case YAML_DOCUMENT_END_EVENT:
          on_document(builder.take_root(), index++);
          break;
        case YAML_ALIAS_EVENT:
          throw LimitReached{mark, "aliases (*name) are not allowed in case files",
                             "write the value out in full; aliases can expand exponentially (an alias bomb)"};
        case YAML_SCALAR_EVENT:
          builder.scalar(
              mark,
              std::string_view(reinterpret_cast<const char*>(event->data.scalar.value), event->data.scalar.length),
              event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
          break;
        case YAML_SEQUENCE_START_EVENT:
          builder.open(YamlNode::Kind::sequence, mark);
          break;
        case YAML_MAPPING_START_EVENT:
          builder.open(YamlNode::Kind::mapping, mark);
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          builder.close();
          break;
        default:
          break;  // stream start, no event
      }
    }
    const yaml_parser_t& parser = reader.parser();
    std::string_view problem = parser.problem ? parser.problem : "";
    if (parser.error == YAML_READER_ERROR) {
      // The reader leaves problem_mark at zero: its place is problem_offset (in bytes).
      SourceMark mark = source.mark_at(std::min(parser.problem_offset, source.text().size()));
      std::string message =
          problem == "control characters are not allowed"
              ? fmt::format("the character {} is not allowed in YAML", refused_character(parser.problem_value))
              : std::string(problem.empty() ? "the text cannot be read as UTF-8" : problem);
      out.push_back({Severity::error, "bad-encoding", source.path(), mark, std::move(message),
                     "delete it or retype the text around it; such characters come from copying out of other "
                     "programs"});
      return;
    }
    // "found unexpected end of stream (while scanning a quoted scalar)": the
    // place to fix is where the scalar starts, not the end of the file. A
    // missing `:` is found on the next line; the key without it is the context.
    bool at_end = problem == "found unexpected end of stream";
    bool no_colon = problem == "could not find expected ':'";
    SourceMark mark = to_mark((at_end || no_colon) && parser.context ? parser.context_mark : parser.problem_mark);
    out.push_back(
        {Severity::error, "yaml-syntax", source.path(), mark, syntax_message(parser), syntax_suggestion(parser)});
  } catch (const LimitReached& limit) {
    out.push_back({Severity::error, "input-limit", source.path(), limit.mark, limit.message, limit.suggestion});
  }
}

}  // namespace esc
