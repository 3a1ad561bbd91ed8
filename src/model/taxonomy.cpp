#include "esc/model/taxonomy.hpp"

namespace esc {

void Taxonomy::add_department(Department department) {
  m_department_by_id.emplace(department.id, static_cast<int>(m_departments.size()));
  m_departments.push_back(std::move(department));
}

int Taxonomy::add_entry(TaxonomyEntry entry) {
  int index = static_cast<int>(m_entries.size());
  if (entry.parent >= 0) m_entries[static_cast<std::size_t>(entry.parent)].children.push_back(index);
  m_by_code.emplace(entry.code, index);
  for (const auto& alias : entry.aliases) m_by_alias.emplace(alias, index);
  m_entries.push_back(std::move(entry));
  return index;
}

const TaxonomyEntry* Taxonomy::find(std::string_view code) const {
  auto it = m_by_code.find(code);
  return it == m_by_code.end() ? nullptr : &m_entries[static_cast<std::size_t>(it->second)];
}

const TaxonomyEntry* Taxonomy::find_alias(std::string_view alias) const {
  auto it = m_by_alias.find(alias);
  return it == m_by_alias.end() ? nullptr : &m_entries[static_cast<std::size_t>(it->second)];
}

const Department* Taxonomy::find_department(std::string_view id) const {
  auto it = m_department_by_id.find(id);
  return it == m_department_by_id.end() ? nullptr : &m_departments[static_cast<std::size_t>(it->second)];
}

const TaxonomyEntry& Taxonomy::category_of(const TaxonomyEntry& entry) const {
  const TaxonomyEntry* current = &entry;
  while (current->parent >= 0) current = &m_entries[static_cast<std::size_t>(current->parent)];
  return *current;
}

std::vector<std::string> Taxonomy::codes() const {
  std::vector<std::string> out;
  out.reserve(m_entries.size());
  for (const auto& e : m_entries) out.push_back(e.code);
  return out;
}

std::vector<std::string> Taxonomy::department_ids() const {
  std::vector<std::string> out;
  for (const auto& d : m_departments) out.push_back(d.id);
  return out;
}

}  // namespace esc
