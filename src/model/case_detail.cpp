#include "esc/model/case_detail.hpp"

#include <utility>

namespace esc {
namespace {

// Empties `value` and gives its memory back (clear() keeps the capacity).
template <typename T>
void release(T& value) {
  T().swap(value);
}

void release(Located& value) {
  release(value.value);
}

}  // namespace

void trim_case(Case& c, CaseDetail detail) {
  if (detail == CaseDetail::full) return;
  release(c.summary);
  release(c.timeline);
  release(c.signals_missed);
  release(c.account.region);
  release(c.causes);
  release(c.actions);
  release(c.tags);
  c.reviewed.reset();
  if (detail == CaseDetail::identity) release(c.title);
}

}  // namespace esc
