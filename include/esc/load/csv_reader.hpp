#pragma once
// CSV exports (CRM, helpdesk) → rows of fields with positions, through libcsv.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "esc/model/diagnostic.hpp"
#include "esc/model/source_mark.hpp"

namespace esc {

/// One field of a record: its text (UTF-8) and where its first byte is.
struct CsvField {
  std::string value;
  SourceMark mark;  // 1-based line and column (in code points) of the field's first character
};

/// One record. `line` is the 1-based line where the record starts; its
/// fields may span several lines (quoted line breaks).
struct CsvRow {
  std::uint32_t line = 0;
  std::vector<CsvField> fields;
};

/// How to read a CSV file.
struct CsvOptions {
  char delimiter = 0;  // 0: detect from the header line (`,`, `;`, tab or `|`)
};

/// A parsed CSV file: the header (the first record) and the data records.
struct CsvTable {
  std::string path;
  std::string encoding;  // "UTF-8", "UTF-16LE", "UTF-16BE", "WINDOWS-1252", "ISO-8859-1"
  char delimiter = ',';
  std::string text;  // the file as UTF-8, as positions count it
  CsvRow header;
  std::vector<CsvRow> rows;

  /// The text of a 1-based line of `text` (for diagnostics); empty when out of range.
  std::string line(std::uint32_t number) const;
};

/// Converts `bytes` to UTF-8: strips a UTF-8 byte-order mark, converts UTF-16
/// (with a byte-order mark) and, when the bytes are not UTF-8, Windows-1252
/// (else Latin-1) with iconv. Returns the encoding's name, or nullopt when
/// no conversion worked.
std::optional<std::string> decode_to_utf8(std::string& bytes);

/// Whether `text` is well-formed UTF-8.
bool is_utf8(std::string_view text);

/// The delimiter the header line of `text` uses most among `,` `;` tab `|` (outside quotes); `,` by default.
char detect_delimiter(std::string_view text);

/// Parses CSV `bytes` read from `path` (RFC 4180: quoted fields, doubled
/// quotes, line breaks inside quotes, CRLF or LF). Problems become
/// diagnostics (`csv-encoding` for a converted file, `csv-syntax` for a quote
/// never closed or a NUL byte; a record with a NUL byte is left out) and
/// never throw. An empty file yields an empty header.
CsvTable parse_csv(std::string path, std::string bytes, const CsvOptions& options, std::vector<Diagnostic>& out);

/// Reads the file at `path` and parses it; adds `io-error` and returns nullopt when it cannot be read.
std::optional<CsvTable> read_csv_file(const std::string& path, const CsvOptions& options, std::vector<Diagnostic>& out);

}  // namespace esc
