// CSV exports → rows of positioned fields: encoding detection (iconv) and
// RFC 4180 parsing (libcsv, the only file that includes it).
#include "esc/load/csv_reader.hpp"

#include <iconv.h>
#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <csv.h>
#include <fmt/format.h>

namespace esc {
namespace {

// iconv from `from` to UTF-8; nullopt when a byte sequence is invalid in `from`.
std::optional<std::string> iconv_to_utf8(std::string_view bytes, const char* from) {
  iconv_t cd = ::iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  char* in_ptr = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t done = 0;
  bool ok = true;
  while (in_left > 0) {
    char* out_ptr = out.data() + done;
    std::size_t out_left = out.size() - done;
    std::size_t r = ::iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    done = out.size() - out_left;
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    ok = false;  // EILSEQ or EINVAL (a truncated sequence at the end)
    break;
  }
  ::iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(done);
  return out;
}

// Marks of byte offsets, computed walking forward through the text once.
class MarkWalker {
 public:
  explicit MarkWalker(std::string_view text) : m_text(text) {}
  SourceMark at(std::size_t offset) {
    if (offset < m_offset) {  // never expected; restart
      m_offset = 0;
      m_line = 1;
      m_column = 1;
    }
    for (; m_offset < offset && m_offset < m_text.size(); ++m_offset) {
      unsigned char c = static_cast<unsigned char>(m_text[m_offset]);
      if (c == '\n') {
        ++m_line;
        m_column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++m_column;
      }
    }
    // A column counts code points: continuation bytes of the character before do not count.
    return SourceMark{static_cast<std::uint32_t>(m_line), static_cast<std::uint32_t>(m_column)};
  }

 private:
  std::string_view m_text;
  std::size_t m_offset = 0;
  std::size_t m_line = 1;
  std::size_t m_column = 1;
};

struct RawField {
  std::string value;
  std::size_t offset = 0;
};

struct RawRecord {
  std::size_t offset = 0;
  std::vector<RawField> fields;
};

// The parser's state between libcsv callbacks.
struct ParseState {
  std::vector<RawRecord> records;
  RawRecord current;
  std::size_t field_offset = 0;
  std::size_t record_offset = 0;
  bool field_pending = true;   // the next byte starts a field
  bool record_pending = true;  // the next non-line-break byte starts a record
};

void on_field(void* data, std::size_t size, void* state_ptr) {
  auto& state = *static_cast<ParseState*>(state_ptr);
  RawField field;
  if (data) field.value.assign(static_cast<const char*>(data), size);
  field.offset = state.field_offset;
  if (state.current.fields.empty()) state.current.offset = state.record_offset;
  state.current.fields.push_back(std::move(field));
  state.field_pending = true;
}

void on_record(int, void* state_ptr) {
  auto& state = *static_cast<ParseState*>(state_ptr);
  if (!state.current.fields.empty()) state.records.push_back(std::move(state.current));
  state.current = RawRecord{};
  state.field_pending = true;
  state.record_pending = true;
}

// "a\r\nb" → "a\nb": line breaks inside quoted fields, as the case files write them.
void normalise_line_breaks(std::string& value) {
  if (value.find('\r') == std::string::npos) return;
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') continue;
    out += value[i] == '\r' ? '\n' : value[i];
  }
  value = std::move(out);
}

}  // namespace

bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (length == 0 || (c >= 0xF0 && length != 4) || i + length > text.size()) return false;
    std::uint32_t cp = length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < length; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += length;
  }
  return true;
}

std::optional<std::string> decode_to_utf8(std::string& bytes) {
  auto starts_with = [&](std::string_view prefix) {
    return std::string_view(bytes).substr(0, prefix.size()) == prefix;
  };
  if (starts_with("\xEF\xBB\xBF")) {
    bytes.erase(0, 3);
    if (is_utf8(bytes)) return std::string("UTF-8");
  } else if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF")) {
    const char* name = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    auto converted = iconv_to_utf8(std::string_view(bytes).substr(2), name);
    if (!converted) return std::nullopt;
    bytes = std::move(*converted);
    return std::string(name);
  } else if (is_utf8(bytes)) {
    return std::string("UTF-8");
  }
  for (const char* name : {"WINDOWS-1252", "ISO-8859-1"}) {
    if (auto converted = iconv_to_utf8(bytes, name)) {
      bytes = std::move(*converted);
      return std::string(name);
    }
  }
  return std::nullopt;
}

char detect_delimiter(std::string_view text) {
  std::size_t counts[4] = {0, 0, 0, 0};
  const char candidates[4] = {',', ';', '\t', '|'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    if (quoted) continue;
    for (int k = 0; k < 4; ++k)
      if (c == candidates[k]) ++counts[k];
  }
  int best = 0;
  for (int k = 1; k < 4; ++k)
    if (counts[k] > counts[best]) best = k;
  return counts[best] == 0 ? ',' : candidates[best];
}

std::string CsvTable::line(std::uint32_t number) const {
  if (number == 0) return {};
  std::size_t begin = 0;
  for (std::uint32_t n = 1; n < number; ++n) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return {};
    ++begin;
  }
  std::size_t end = text.find('\n', begin);
  std::string out = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

CsvTable parse_csv(std::string path, std::string bytes, const CsvOptions& options, std::vector<Diagnostic>& out) {
  CsvTable table;
  table.path = std::move(path);
  auto report = [&](Severity severity, const char* rule, SourceMark mark, std::string message,
                    std::string suggestion = "") {
    out.push_back(Diagnostic{severity, rule, table.path, mark, std::move(message), std::move(suggestion), -1});
  };
  auto encoding = decode_to_utf8(bytes);
  if (!encoding) {
    report(Severity::error, "csv-encoding", SourceMark{},
           "the file is neither UTF-8, UTF-16 with a byte-order mark, Windows-1252 nor Latin-1",
           "export the file as UTF-8 CSV");
    return table;
  }
  table.encoding = *encoding;
  if (table.encoding != "UTF-8")
    report(Severity::warning, "csv-encoding", SourceMark{1, 1},
           fmt::format("the file is {}, not UTF-8; it was converted to UTF-8", table.encoding),
           "export as UTF-8 CSV to be sure every character is read as meant");
  table.text = std::move(bytes);
  const std::string& text = table.text;
  table.delimiter = options.delimiter ? options.delimiter : detect_delimiter(text);

  ParseState state;
  std::vector<std::pair<std::size_t, std::size_t>> bad_quotes;  // (offset of the byte, offset of its record)
  std::size_t quote_offset = std::string::npos;                 // where the field being read opened its quote
  csv_parser parser;
  auto start_parser = [&] {
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) throw std::bad_alloc();
    csv_set_delim(&parser, static_cast<unsigned char>(table.delimiter));
  };
  start_parser();
  // libcsv calls back only at a delimiter, a line break or a quote, so runs of
  // other bytes are fed at once and those bytes one at a time: after each, we
  // know whether the next byte starts a field (and where).
  bool special[256] = {};
  for (unsigned char c : {static_cast<unsigned char>(table.delimiter), static_cast<unsigned char>('\n'),
                          static_cast<unsigned char>('\r'), static_cast<unsigned char>('"')})
    special[c] = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (state.field_pending && !(state.record_pending && (c == '\n' || c == '\r'))) {
      state.field_pending = false;
      state.field_offset = i;
      quote_offset = c == '"' ? i : std::string::npos;
      if (state.record_pending) {
        state.record_pending = false;
        state.record_offset = i;
      }
    }
    std::size_t run = 1;
    if (!special[static_cast<unsigned char>(c)])
      while (i + run < text.size() && !special[static_cast<unsigned char>(text[i + run])]) ++run;
    // libcsv grows its field buffer by a fixed block: make the block the run or the buffer's size, so a
    // huge field costs a few reallocations, not one per 128 bytes (quadratic where realloc copies).
    csv_set_blk_size(&parser, std::max<std::size_t>({run, csv_get_buffer_size(&parser), 4096}));
    std::size_t parsed = csv_parse(&parser, text.data() + i, run, on_field, on_record, &state);
    if (parsed == run) {
      i += run - 1;
      continue;
    }
    if (csv_error(&parser) != CSV_EPARSE) throw std::bad_alloc();
    i += parsed;
    // A quote where RFC 4180 allows none: leave the record out and go on at the next line.
    bad_quotes.emplace_back(i, state.current.fields.empty() ? state.record_offset : state.current.offset);
    csv_free(&parser);
    start_parser();
    state.current = RawRecord{};
    std::size_t next = text.find('\n', i);
    i = next == std::string::npos ? text.size() : next;
    state.field_pending = true;
    state.record_pending = true;
  }
  bool unclosed = csv_fini(&parser, on_field, on_record, &state) != 0;
  csv_free(&parser);

  MarkWalker walker(text);
  bool first = true;
  for (auto& raw : state.records) {
    CsvRow row;
    SourceMark start = walker.at(raw.offset);
    row.line = start.line;
    bool has_nul = false;
    for (auto& field : raw.fields) {
      CsvField f;
      f.mark = walker.at(field.offset);
      std::size_t nul = field.value.find('\0');
      if (nul != std::string::npos) {
        has_nul = true;
        report(Severity::error, "csv-syntax", f.mark,
               fmt::format("the field holds a NUL byte; the record{} is left out", first ? " (the header)" : ""),
               "remove the NUL bytes; a UTF-16 file without a byte-order mark looks like this");
      }
      normalise_line_breaks(field.value);
      f.value = std::move(field.value);
      row.fields.push_back(std::move(f));
    }
    raw.fields = std::vector<RawField>();  // free as we go: the rows now hold the values
    if (first) {
      table.header = std::move(row);
      first = false;
    } else if (!has_nul) {
      table.rows.push_back(std::move(row));
    }
  }
  MarkWalker problems(text);
  for (const auto& [offset, record] : bad_quotes) {
    (void)record;
    report(Severity::error, "csv-syntax", problems.at(offset),
           "a quote here breaks RFC 4180 quoting (a quote inside an unquoted field, or text after a closing "
           "quote); the record is left out",
           "quote the whole field and double the quotes inside it: `\"5\"\" screen\"`");
  }
  if (unclosed) {
    report(Severity::error, "csv-syntax", problems.at(quote_offset == std::string::npos ? text.size() : quote_offset),
           "a quoted field opened here is never closed; the rest of the file was read as one field and left out",
           "close the quote with `\"`, and write a quote inside a quoted field as `\"\"`");
  }
  return table;
}

std::optional<CsvTable> read_csv_file(const std::string& path, const CsvOptions& options,
                                      std::vector<Diagnostic>& out) {
  std::string bytes;
  if (path == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      out.push_back(Diagnostic{Severity::error, "io-error", path, SourceMark{}, "cannot read the file", "", -1});
      return std::nullopt;
    }
    in.seekg(0, std::ios::end);
    std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
    if (size > 0) {  // one buffer of the file's size: an export can be hundreds of MB
      in.seekg(0);
      bytes.resize(static_cast<std::size_t>(size));
      in.read(bytes.data(), size);
      bytes.resize(static_cast<std::size_t>(in.gcount()));
    } else {  // a pipe, or a file without a size
      in.clear();
      std::ostringstream buffer;
      buffer << in.rdbuf();
      bytes = buffer.str();
    }
  }
  return parse_csv(path == "-" ? "<stdin>" : path, std::move(bytes), options, out);
}

}  // namespace esc
