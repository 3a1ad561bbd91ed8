#pragma once
#include <string>
#include <string_view>
#include <map>
#include <vector>

#include "esc/model/source_mark.hpp"

namespace esc {

struct Department {
  std::string id;
  std::string title;
  SourceMark mark;
};

/// One node of the cause taxonomy: a top-level category or a cause under it.
struct TaxonomyEntry {
  std::string code;      // dotted path, e.g. "bad-sale.wrong-solution"
  std::string title;
  std::string owner;     // department id (inherited from the parent when not set)
  std::string question;  // asked by `review`
  std::vector<std::string> aliases;  // deprecated codes that mean this one
  int parent = -1;                   // index of the parent entry, -1 for a category
  std::vector<int> children;
  SourceMark mark;
};

/// The cause taxonomy: departments and a tree of cause codes, in file order.
class Taxonomy {
 public:
  /// Adds a department; the caller has checked that the id is new.
  void add_department(Department department);
  /// Adds an entry under `entry.parent` (which must already exist); returns its index.
  int add_entry(TaxonomyEntry entry);

  const std::vector<Department>& departments() const { return m_departments; }
  const std::vector<TaxonomyEntry>& entries() const { return m_entries; }

  /// The entry with this exact code, or nullptr.
  const TaxonomyEntry* find(std::string_view code) const;
  /// The entry that lists `alias` among its aliases, or nullptr.
  const TaxonomyEntry* find_alias(std::string_view alias) const;
  /// The entry for a code or a deprecated alias of it, or nullptr.
  const TaxonomyEntry* resolve(std::string_view code) const {
    const TaxonomyEntry* entry = find(code);
    return entry ? entry : find_alias(code);
  }
  /// The department with this id, or nullptr.
  const Department* find_department(std::string_view id) const;
  /// The top-level category entry of a known code (itself for a category).
  const TaxonomyEntry& category_of(const TaxonomyEntry& entry) const;

  /// All codes, for did-you-mean.
  std::vector<std::string> codes() const;
  /// All department ids, for did-you-mean.
  std::vector<std::string> department_ids() const;

 private:
  std::vector<Department> m_departments;
  std::vector<TaxonomyEntry> m_entries;
  // Ordered maps with a transparent comparator: lookups by string_view
  // allocate nothing (they run for every cause of every case).
  std::map<std::string, int, std::less<>> m_by_code;
  std::map<std::string, int, std::less<>> m_by_alias;
  std::map<std::string, int, std::less<>> m_department_by_id;
};

}  // namespace esc
