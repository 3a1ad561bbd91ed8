#include "esc/load/source_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

namespace esc {

SourceText::SourceText(std::string path, std::string text) : m_path(std::move(path)), m_text(std::move(text)) {
  m_line_starts.push_back(0);
  const char* begin = m_text.data();
  const char* end = begin + m_text.size();
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))));)
    m_line_starts.push_back(static_cast<std::size_t>(++p - begin));
}

SourceMark SourceText::mark_at(std::size_t offset) const {
  return mark_at(offset, m_line_starts.size());
}

SourceMark SourceText::mark_at(std::size_t offset, std::size_t line_index) const {
  offset = std::min(offset, m_text.size());
  bool hint_holds = line_index < m_line_starts.size() && m_line_starts[line_index] <= offset &&
                    (line_index + 1 == m_line_starts.size() || offset < m_line_starts[line_index + 1]);
  if (!hint_holds) {
    auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
    line_index = static_cast<std::size_t>(it - m_line_starts.begin()) - 1;
  }
  std::size_t column = 1;
  for (std::size_t i = m_line_starts[line_index]; i < offset; ++i)
    if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) ++column;
  return SourceMark{static_cast<std::uint32_t>(line_index + 1), static_cast<std::uint32_t>(column)};
}

std::string_view SourceText::line(std::uint32_t number) const {
  if (number == 0 || number > m_line_starts.size()) return {};
  std::size_t start = m_line_starts[number - 1];
  std::size_t end = number < m_line_starts.size() ? m_line_starts[number] - 1 : m_text.size();
  std::string_view line(m_text.data() + start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

namespace {

// The length of the UTF-8 sequence at `i`, or 0 when it is not valid UTF-8.
std::size_t utf8_sequence_length(const std::string& s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code = 0;
  if ((c & 0xE0) == 0xC0)
    length = 2, code = c & 0x1F;
  else if ((c & 0xF0) == 0xE0)
    length = 3, code = c & 0x0F;
  else if ((c & 0xF8) == 0xF0)
    length = 4, code = c & 0x07;
  else
    return 0;
  if (i + length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  static const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < minimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

SourceMark mark_of(const std::string& bytes, std::size_t offset) {
  // Only the prefix before `offset` is known to be valid UTF-8; count lines on it.
  return SourceText("", bytes.substr(0, offset)).mark_at(offset);
}

std::string control_name(unsigned char c) {
  if (c == 0) return "NUL";
  if (c == 0x7F) return "DEL";
  return fmt::format("U+{:04X}", c);
}

}  // namespace

bool check_encoding(std::string& bytes, const std::string& path, std::vector<Diagnostic>& out) {
  auto starts_with = [&](std::string_view prefix) { return bytes.compare(0, prefix.size(), prefix) == 0; };
  auto fail = [&](SourceMark mark, std::string message, std::string suggestion) {
    out.push_back({Severity::error, "bad-encoding", path, mark, std::move(message), std::move(suggestion)});
    return false;
  };
  if (starts_with(std::string_view("\x00\x00\xFE\xFF", 4)) || starts_with(std::string_view("\xFF\xFE\x00\x00", 4)))
    return fail({1, 1}, "the file is UTF-32; case files must be UTF-8", "save the file as UTF-8");
  if (starts_with("\xFE\xFF") || starts_with("\xFF\xFE"))
    return fail({1, 1}, "the file is UTF-16; case files must be UTF-8", "save the file as UTF-8");
  if (starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
  for (std::size_t i = 0; i < bytes.size();) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7F) {  // printable ASCII: most of every file
      ++i;
      continue;
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      bool binary = c == 0;
      return fail(mark_of(bytes, i),
                  binary ? "the file contains a NUL byte: it is binary, not a YAML text file"
                         : fmt::format("control character {} is not allowed in a case file", control_name(c)),
                  binary ? "" : "remove the character or replace it with a space");
    }
    std::size_t length = utf8_sequence_length(bytes, i);
    if (length == 0)
      return fail(mark_of(bytes, i), fmt::format("invalid UTF-8 byte 0x{:02X}", c),
                  "save the file as UTF-8 (it may be Latin-1 or Windows-1252)");
    i += length;
  }
  return true;
}

std::string_view bidi_control_name(std::uint32_t code) {
  switch (code) {
    case 0x202A:
      return "LEFT-TO-RIGHT EMBEDDING";
    case 0x202B:
      return "RIGHT-TO-LEFT EMBEDDING";
    case 0x202C:
      return "POP DIRECTIONAL FORMATTING";
    case 0x202D:
      return "LEFT-TO-RIGHT OVERRIDE";
    case 0x202E:
      return "RIGHT-TO-LEFT OVERRIDE";
    case 0x2066:
      return "LEFT-TO-RIGHT ISOLATE";
    case 0x2067:
      return "RIGHT-TO-LEFT ISOLATE";
    case 0x2068:
      return "FIRST STRONG ISOLATE";
    case 0x2069:
      return "POP DIRECTIONAL ISOLATE";
    default:
      return {};
  }
}

namespace {

// The bidi control whose UTF-8 form starts at `i` (all are 3 bytes, E2 80 xx
// or E2 81 xx), or 0.
std::uint32_t bidi_control_at(std::string_view text, std::size_t i) {
  if (i + 3 > text.size() || static_cast<unsigned char>(text[i]) != 0xE2) return 0;
  unsigned char second = static_cast<unsigned char>(text[i + 1]);
  if (second != 0x80 && second != 0x81) return 0;
  std::uint32_t code = 0x2000u | ((second & 0x3Fu) << 6) | (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
  return bidi_control_name(code).empty() ? 0 : code;
}

Diagnostic bidi_finding(const SourceText& source, std::size_t offset, std::uint32_t code, std::size_t more_here) {
  std::string more = more_here ? fmt::format(" and {} more on this line", more_here) : "";
  std::string message = fmt::format(
      "invisible bidi control U+{:04X} {}{}: it can make the line display in another "
      "order than the one it is read in",
      code, bidi_control_name(code), more);
  // The bytes as sed writes them: E2 80 AE for U+202E.
  std::string bytes = fmt::format("\\xe2\\x{:02x}\\x{:02x}", 0x80 | ((code >> 6) & 0x3F), 0x80 | (code & 0x3F));
  return {Severity::warning,
          "bad-encoding",
          source.path(),
          source.mark_at(offset),
          std::move(message),
          fmt::format("delete it: it is invisible, so retype the text around it or run `sed -i 's/{}//g' FILE`; "
                      "if it is wanted, say why in `# esc-autopsy: disable=bad-encoding -- reason`",
                      bytes)};
}

}  // namespace

void check_bidi_controls(const SourceText& source, std::size_t limit, std::vector<Diagnostic>& out) {
  std::string_view text = source.text();
  std::size_t found = 0;       // lines reported
  std::size_t unreported = 0;  // lines past the limit
  for (std::size_t i = 0; i < text.size();) {
    const void* hit = std::memchr(text.data() + i, 0xE2, text.size() - i);
    if (!hit) break;
    i = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    std::uint32_t code = bidi_control_at(text, i);
    if (code == 0) {
      ++i;
      continue;
    }
    std::size_t line_end = text.find('\n', i);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::size_t more_here = 0;
    for (std::size_t k = i + 3; k + 3 <= line_end; ++k)
      if (bidi_control_at(text, k)) ++more_here, k += 2;
    if (found < limit) {
      out.push_back(bidi_finding(source, i, code, more_here));
      ++found;
    } else {
      ++unreported;
    }
    i = line_end;
  }
  if (unreported && found)
    out.back().message += fmt::format("; {} more line{} after this one {} bidi controls too (not listed)", unreported,
                                      unreported == 1 ? "" : "s", unreported == 1 ? "holds" : "hold");
}

namespace {

bool read_stream_limited(std::istream& in, std::size_t limit, std::string& bytes) {
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > limit) return false;
  }
  return true;
}

// Reads all of `fd` into `bytes`, stopping once past `limit`; false on a read error.
bool read_fd_limited(int fd, std::size_t limit, std::size_t expected, std::string& bytes) {
  bytes.resize(std::min(expected, limit) + 1);
  std::size_t used = 0;
  for (;;) {
    if (used == bytes.size()) {
      if (used > limit) break;
      bytes.resize(std::min(bytes.size() * 2, limit + 1));
    }
    ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      bytes.resize(used);
      return false;
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  bytes.resize(used);
  return true;
}

std::string size_text(std::size_t bytes) {
  if (bytes >= 1024 * 1024) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return fmt::format("{} KiB", bytes / 1024);
}

}  // namespace

std::optional<SourceText> read_source(const std::string& path, const LoadLimits& limits, std::vector<Diagnostic>& out) {
  std::string display = path == "-" ? std::string(k_stdin_name) : path;
  auto too_big = [&](std::size_t size) {
    out.push_back({Severity::error,
                   "input-limit",
                   display,
                   {},
                   fmt::format("the file is {}, over the {} limit", size_text(size), size_text(limits.max_file_size)),
                   "split it, or raise --max-file-size"});
    return std::nullopt;
  };
  std::string bytes;
  if (path == "-") {
    if (!read_stream_limited(std::cin, limits.max_file_size, bytes)) return too_big(bytes.size());
  } else {
    // open + fstat + read: one system call fewer per file than stat + ifstream.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      bool denied = errno == EACCES || errno == EPERM;
      out.push_back({Severity::error,
                     "io-error",
                     display,
                     {},
                     fmt::format("{}: {}", denied ? "cannot open" : "cannot read", std::strerror(errno)),
                     ""});
      return std::nullopt;
    }
    struct stat info {};
    if (::fstat(fd, &info) == 0 && static_cast<std::size_t>(info.st_size) > limits.max_file_size) {
      ::close(fd);
      return too_big(static_cast<std::size_t>(info.st_size));
    }
    // The file may grow between fstat and read; keep the limit while reading.
    bool read_ok = read_fd_limited(fd, limits.max_file_size, static_cast<std::size_t>(info.st_size), bytes);
    ::close(fd);
    if (bytes.size() > limits.max_file_size) return too_big(bytes.size());
    if (!read_ok) {
      out.push_back({Severity::error, "io-error", display, {}, "read error", ""});
      return std::nullopt;
    }
  }
  if (!check_encoding(bytes, display, out)) return std::nullopt;
  return SourceText(display, std::move(bytes));
}

}  // namespace esc
