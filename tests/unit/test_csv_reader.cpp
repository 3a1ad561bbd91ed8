// csv_reader: RFC 4180 through libcsv, encodings through iconv, positions of records and fields.
#include <doctest/doctest.h>

#include "esc/load/csv_reader.hpp"

using namespace esc;

namespace {

struct Parsed {
  CsvTable table;
  std::vector<Diagnostic> diagnostics;
};

Parsed parse(const std::string& bytes, char delimiter = 0) {
  Parsed p;
  CsvOptions options;
  options.delimiter = delimiter;
  p.table = parse_csv("export.csv", bytes, options, p.diagnostics);
  return p;
}

std::vector<std::string> values(const CsvRow& row) {
  std::vector<std::string> out;
  for (const auto& f : row.fields) out.push_back(f.value);
  return out;
}

}  // namespace

TEST_CASE("quoted fields, doubled quotes and line breaks inside quotes, with the line each record starts on") {
  auto p = parse("Id,Subject,Description\n1,\"Export, slow\",\"He said \"\"no\"\"\nthen left\"\n2,Plain,x\n");
  CHECK(p.diagnostics.empty());
  CHECK(values(p.table.header) == std::vector<std::string>{"Id", "Subject", "Description"});
  REQUIRE(p.table.rows.size() == 2);
  CHECK(values(p.table.rows[0]) == std::vector<std::string>{"1", "Export, slow", "He said \"no\"\nthen left"});
  CHECK(p.table.rows[0].line == 2);
  CHECK(p.table.rows[0].fields[1].mark == SourceMark{2, 3});
  CHECK(p.table.rows[0].fields[2].mark == SourceMark{2, 18});
  CHECK(p.table.rows[1].line == 4);  // the record before spans lines 2 and 3
  CHECK(p.table.rows[1].fields[2].mark == SourceMark{4, 9});
}

TEST_CASE("CRLF, a UTF-8 byte-order mark and blank lines") {
  auto p = parse("\xEF\xBB\xBFId,Name\r\n1,\"a\r\nb\"\r\n\r\n2,c\r\n");
  CHECK(p.diagnostics.empty());
  CHECK(p.table.encoding == "UTF-8");
  CHECK(p.table.header.fields[0].value == "Id");
  CHECK(p.table.header.fields[0].mark == SourceMark{1, 1});
  REQUIRE(p.table.rows.size() == 2);
  CHECK(p.table.rows[0].fields[1].value == "a\nb");  // a CRLF inside quotes becomes LF
  CHECK(p.table.rows[1].line == 5);
  CHECK(p.table.line(5) == "2,c");
}

TEST_CASE("the delimiter is detected from the header line, or given") {
  auto semicolon = parse("Id;Name;Note\n1;\"a;b\";c\n");
  CHECK(semicolon.table.delimiter == ';');
  CHECK(values(semicolon.table.rows.at(0)) == std::vector<std::string>{"1", "a;b", "c"});
  auto tab = parse("Id\tName\n1\tx,y\n");
  CHECK(tab.table.delimiter == '\t');
  CHECK(values(tab.table.rows.at(0)) == std::vector<std::string>{"1", "x,y"});
  auto forced = parse("Id;Name\n1;2\n", ',');
  CHECK(forced.table.rows.at(0).fields.size() == 1);
  CHECK(detect_delimiter("\"a,b,c\";d\n") == ';');
}

TEST_CASE("columns count code points, not bytes") {
  auto p = parse("Name,Id\nCaf\xC3\xA9,7\n");
  CHECK(p.table.rows.at(0).fields[1].mark == SourceMark{2, 6});
}

TEST_CASE("UTF-16 with a byte-order mark is converted, with a warning naming it") {
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("Id,Name\n1,Caf")) utf16 += std::string{c, '\0'};
  utf16 += std::string("\xE9\0\n\0", 4);
  auto p = parse(utf16);
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].rule == "csv-encoding");
  CHECK(p.diagnostics[0].severity == Severity::warning);
  CHECK(p.diagnostics[0].message.find("UTF-16LE") != std::string::npos);
  CHECK(p.table.rows.at(0).fields[1].value == "Caf\xC3\xA9");
}

TEST_CASE("Windows-1252 and Latin-1 exports are converted") {
  auto p = parse("Id,Name\n1,Caf\xE9 \x80 M\xFCller\n");
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].message.find("WINDOWS-1252") != std::string::npos);
  CHECK(p.table.rows.at(0).fields[1].value == "Caf\xC3\xA9 \xE2\x82\xAC M\xC3\xBCller");
  auto latin1 = parse("Id,Name\n1,\x81\xE9\n");  // 0x81 is not Windows-1252
  CHECK(latin1.table.encoding == "ISO-8859-1");
}

TEST_CASE("a quote never closed is reported where it opened - the records before it are kept") {
  auto p = parse("Id,Name\n1,ok\n2,\"never closed\n3,lost\n");
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].rule == "csv-syntax");
  CHECK(p.diagnostics[0].mark == SourceMark{3, 3});
  REQUIRE(p.table.rows.size() == 1);
  CHECK(p.table.rows[0].fields[1].value == "ok");
}

TEST_CASE("a stray quote leaves its record out and the parser goes on at the next line") {
  auto p = parse("Id,Name\n1,\"a\"b,c\n2,ok\n3,5\" screen\n4,fine\n");
  REQUIRE(p.diagnostics.size() == 2);
  CHECK(p.diagnostics[0].mark.line == 2);
  CHECK(p.diagnostics[1].mark.line == 4);
  REQUIRE(p.table.rows.size() == 2);
  CHECK(p.table.rows[0].fields[0].value == "2");
  CHECK(p.table.rows[1].fields[0].value == "4");
  CHECK(p.table.rows[1].line == 5);
}

TEST_CASE("a NUL byte leaves its record out with a finding at the field") {
  auto p = parse(std::string("Id,Name\n1,a\0b\n2,ok\n", 19));
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].rule == "csv-syntax");
  CHECK(p.diagnostics[0].mark == SourceMark{2, 3});
  REQUIRE(p.table.rows.size() == 1);
  CHECK(p.table.rows[0].fields[0].value == "2");
}

TEST_CASE("a 10 MB field is read whole") {
  std::string big(10 * 1024 * 1024, 'x');
  auto p = parse("Id,Description\n1,\"" + big + "\"\n2,y\n");
  CHECK(p.diagnostics.empty());
  REQUIRE(p.table.rows.size() == 2);
  CHECK(p.table.rows[0].fields[1].value.size() == big.size());
  CHECK(p.table.rows[1].line == 3);
}

TEST_CASE("an empty file has no header and no rows - bytes that are no text are reported") {
  auto empty = parse("");
  CHECK(empty.diagnostics.empty());
  CHECK(empty.table.header.fields.empty());
  CHECK(empty.table.rows.empty());
  CHECK(is_utf8("Caf\xC3\xA9"));
  CHECK_FALSE(is_utf8("Caf\xE9"));
  CHECK_FALSE(is_utf8("\xED\xA0\x80"));  // a surrogate
}
