#pragma once
#include <cstddef>
#include <iterator>
#include <vector>

#include "esc/model/case.hpp"

namespace esc {

/// The cases of a set, in order, held as one block per input file: loading
/// on several threads hands each file's block over whole, so no case is ever
/// moved into a second buffer (a `std::vector<Case>` merge held every case
/// twice at its peak). Case addresses never change once added.
class CaseList {
  template <typename T, typename Slot>
  class Iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Case;
    using difference_type = std::ptrdiff_t;
    using pointer = T*;
    using reference = T&;

    Iterator() = default;
    explicit Iterator(Slot slot) : m_slot(slot) {}
    reference operator*() const { return **m_slot; }
    pointer operator->() const { return *m_slot; }
    reference operator[](difference_type n) const { return *m_slot[n]; }
    Iterator& operator++() { ++m_slot; return *this; }
    Iterator operator++(int) { return Iterator(m_slot++); }
    Iterator& operator--() { --m_slot; return *this; }
    Iterator operator--(int) { return Iterator(m_slot--); }
    Iterator& operator+=(difference_type n) { m_slot += n; return *this; }
    Iterator& operator-=(difference_type n) { m_slot -= n; return *this; }
    Iterator operator+(difference_type n) const { return Iterator(m_slot + n); }
    Iterator operator-(difference_type n) const { return Iterator(m_slot - n); }
    difference_type operator-(const Iterator& other) const { return m_slot - other.m_slot; }
    bool operator==(const Iterator& other) const { return m_slot == other.m_slot; }
    bool operator!=(const Iterator& other) const { return m_slot != other.m_slot; }
    bool operator<(const Iterator& other) const { return m_slot < other.m_slot; }

   private:
    Slot m_slot{};
  };

 public:
  using iterator = Iterator<Case, Case* const*>;
  using const_iterator = Iterator<const Case, const Case* const*>;
  using value_type = Case;

  CaseList() = default;
  CaseList(CaseList&&) noexcept = default;
  CaseList& operator=(CaseList&&) noexcept = default;
  /// Copies the cases; the copy's index points into its own blocks.
  CaseList(const CaseList& other) : m_blocks(other.m_blocks) { rebuild_index(); }
  CaseList& operator=(const CaseList& other) {
    if (this != &other) {
      m_blocks = other.m_blocks;
      rebuild_index();
    }
    return *this;
  }

  std::size_t size() const { return m_index.size(); }
  bool empty() const { return m_index.empty(); }
  Case& operator[](std::size_t i) { return *m_index[i]; }
  const Case& operator[](std::size_t i) const { return *m_index[i]; }
  Case& back() { return *m_index.back(); }
  const Case& back() const { return *m_index.back(); }

  /// Appends `cases` (one file's, in order) as one block, taking its buffer.
  void append_block(std::vector<Case>&& cases) {
    if (cases.empty()) return;
    m_blocks.push_back(std::move(cases));
    for (Case& c : m_blocks.back()) m_index.push_back(&c);
  }
  /// Appends one case (a block of its own).
  void push_back(Case&& c) {
    std::vector<Case> block;
    block.push_back(std::move(c));
    append_block(std::move(block));
  }
  /// Makes room in the index for `n` cases in all.
  void reserve(std::size_t n) { m_index.reserve(n); }

  iterator begin() { return iterator(m_index.data()); }
  iterator end() { return iterator(m_index.data() + m_index.size()); }
  const_iterator begin() const { return const_iterator(m_index.data()); }
  const_iterator end() const { return const_iterator(m_index.data() + m_index.size()); }

 private:
  void rebuild_index() {
    m_index.clear();
    for (auto& block : m_blocks)
      for (Case& c : block) m_index.push_back(&c);
  }

  std::vector<std::vector<Case>> m_blocks;
  std::vector<Case*> m_index;
};

}  // namespace esc
