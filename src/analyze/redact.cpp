// report --redact: stable pseudonyms for account ids and names (SPEC 6).
#include "esc/analyze/redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <set>

namespace esc {
namespace {

// Name words that identify nobody; never replaced on their own.
const std::set<std::string> k_generic_words = {"the",  "and",  "for",   "inc",     "ltd",         "llc",     "plc",
                                               "corp", "gmbh", "group", "company", "corporation", "holdings"};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Letters, digits and any byte of a multi-byte UTF-8 sequence.
bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

std::vector<std::string> name_words(const std::string& name) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i < name.size() && is_word_byte(name[i])) {
      word += name[i];
      continue;
    }
    if (word.size() >= 3 && !k_generic_words.count(lower(word))) words.push_back(word);
    word.clear();
  }
  return words;
}

// Whole-word, ASCII-case-insensitive replacement of many needles in one pass.
class TextRedactor {
 public:
  void add(const std::string& needle, const std::string& replacement) {
    if (needle.empty()) return;
    auto [it, inserted] = m_needles.emplace(lower(needle), replacement);
    if (!inserted && it->second != replacement) it->second = "[redacted]";  // shared by two accounts
  }

  /// Call once after the last add(): indexes the needles by first byte, longest first.
  void finish() {
    for (const auto& entry : m_needles) m_by_first[static_cast<unsigned char>(entry.first[0])].push_back(&entry);
    for (auto& bucket : m_by_first)
      std::stable_sort(bucket.begin(), bucket.end(),
                       [](const Entry* a, const Entry* b) { return a->first.size() > b->first.size(); });
  }

  std::string apply(const std::string& text) const {
    std::string lowered = lower(text), out;
    std::size_t i = 0;
    while (i < text.size()) {
      const Entry* match = nullptr;
      if (i == 0 || !is_word_byte(text[i - 1]))
        for (const Entry* entry : m_by_first[static_cast<unsigned char>(lowered[i])]) {
          std::size_t end = i + entry->first.size();
          if (lowered.compare(i, entry->first.size(), entry->first) != 0) continue;
          if (end < text.size() && is_word_byte(text[end])) continue;
          match = entry;
          break;
        }
      if (match) {
        out += match->second;
        i += match->first.size();
      } else {
        out += text[i++];
      }
    }
    return out;
  }

 private:
  using Entry = std::pair<const std::string, std::string>;
  std::map<std::string, std::string> m_needles;  // lower-cased needle -> replacement
  std::array<std::vector<const Entry*>, 256> m_by_first;
};

class Redactor {
 public:
  explicit Redactor(const Report& report) {
    std::set<std::string> ids;
    std::map<std::string, std::string> names;
    for (const auto& a : report.accounts) {
      ids.insert(a.id);
      if (!a.name.empty()) names[a.id] = a.name;
    }
    for (const auto& a : report.repeat_accounts) {
      ids.insert(a.account);
      if (!a.name.empty()) names[a.account] = a.name;
    }
    for (const auto& c : report.case_refs) ids.insert(c.account);
    ids.insert(report.severity.inflated_accounts.begin(), report.severity.inflated_accounts.end());
    ids.insert(report.options.accounts.begin(), report.options.accounts.end());
    std::set<std::string> taken;
    for (const auto& id : ids) {  // sorted, so collisions resolve the same way every time
      unsigned attempt = 0;
      std::string name = account_pseudonym(id, attempt);
      while (taken.count(name)) name = account_pseudonym(id, ++attempt);
      taken.insert(name);
      m_pseudonyms[id] = name;
    }
    for (const auto& [id, name] : names)
      for (const auto& word : name_words(name)) m_text.add(word, m_pseudonyms[id]);
    for (const auto& [id, name] : names) m_text.add(name, m_pseudonyms[id]);
    for (const auto& id : ids) m_text.add(id, m_pseudonyms[id]);
    m_text.finish();
  }

  std::string account(const std::string& id) const {
    auto it = m_pseudonyms.find(id);
    return it == m_pseudonyms.end() ? id : it->second;
  }
  std::string text(const std::string& s) const { return m_text.apply(s); }

  void case_list(std::vector<CaseRef>& cases) const {
    for (auto& c : cases) {
      c.id = text(c.id);
      c.title = text(c.title);
      c.account = account(c.account);
    }
  }

 private:
  std::map<std::string, std::string> m_pseudonyms;
  TextRedactor m_text;
};

}  // namespace

std::string account_pseudonym(const std::string& account_id, unsigned attempt) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&hash](unsigned char byte) {
    hash ^= byte;
    hash *= 0x100000001b3ull;
  };
  for (char c : account_id) mix(static_cast<unsigned char>(c));
  for (unsigned a = attempt; a > 0; a /= 256) mix(static_cast<unsigned char>(a % 256));
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out = "Account-";
  for (int i = 0; i < 4; ++i) out += alphabet[(hash >> (5 * i)) & 31];
  return out;
}

void redact_report(Report& report) {
  Redactor redactor(report);
  for (auto& a : report.accounts) {
    a.id = redactor.account(a.id);
    a.name.clear();
  }
  for (auto& a : report.repeat_accounts) {
    a.account = redactor.account(a.account);
    a.name.clear();
  }
  redactor.case_list(report.case_refs);
  for (auto& a : report.actions) a.action = redactor.text(a.action);  // may name the account
  for (auto& w : report.watchlist) {
    w.account = redactor.account(w.account);
    w.name.clear();
    for (auto& reason : w.reasons) reason = redactor.text(reason);  // names case ids: "autopsy pending (ESC-1)"
  }
  for (auto& id : report.severity.inflated_accounts) id = redactor.account(id);
  std::sort(report.severity.inflated_accounts.begin(), report.severity.inflated_accounts.end());
  for (auto& id : report.options.accounts) id = redactor.account(id);
  std::sort(report.repeat_accounts.begin(), report.repeat_accounts.end(),
            [](const RepeatAccount& a, const RepeatAccount& b) {
              return a.cases != b.cases ? a.cases > b.cases : a.account < b.account;
            });
  std::stable_sort(report.accounts.begin(), report.accounts.end(), [](const AccountStat& a, const AccountStat& b) {
    return a.cases != b.cases ? a.cases > b.cases : a.arr != b.arr ? a.arr > b.arr : a.id < b.id;
  });
  report.redacted = true;
}

void redact_report(Report& report, AccountView& view) {
  Redactor redactor(report);
  view.id = redactor.account(view.id);
  view.name.clear();
  for (auto& e : view.escalations) {
    e.id = redactor.text(e.id);
    e.title = redactor.text(e.title);
    for (auto& a : e.actions) a.text = redactor.text(a.text);
  }
  view.redacted = true;
  redact_report(report);
}

}  // namespace esc
