#!/usr/bin/env bash
# Drives the bash completion function as bash would, and checks the zsh
# script's syntax. Usage: check_completions.sh BINARY SOURCE_DIR
set -uo pipefail
binary=$1
source=$2
if [ ! -f /usr/share/bash-completion/bash_completion ]; then
  echo "bash-completion is not installed: skipped"
  exit 77
fi
# shellcheck disable=SC1091
source /usr/share/bash-completion/bash_completion
# shellcheck disable=SC1091
source "$source/completions/esc-autopsy.bash"
dir=$(dirname "$binary")
PATH="$dir:$PATH"
failures=0

# complete WORDS... : runs the completion with the cursor on the last word.
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _esc_autopsy
  printf '%s\n' "${COMPREPLY[@]}"
}

expect() {
  local want=$1
  shift
  local got
  got=$(complete_words "$@")
  if ! grep -qx -- "$want" <<<"$got"; then
    echo "FAIL: completing '$*' did not offer '$want'; got: $(echo $got)"
    failures=$((failures + 1))
  fi
}

expect validate esc-autopsy va
expect report esc-autopsy --color never re
expect --format esc-autopsy report --fo
expect html esc-autopsy report --format h
expect mermaid esc-autopsy graph -f m
expect sarif esc-autopsy validate --format s
expect codes esc-autopsy taxonomy show --format c
expect bad-sale.wrong-solution esc-autopsy report --cause bad-sale.w
expect --strict esc-autopsy validate --st
expect always esc-autopsy --color a
expect departments esc-autopsy report --table d
expect import esc-autopsy im
expect --preset esc-autopsy import --pre
expect zendesk-tickets esc-autopsy import --preset z
expect jira-issues esc-autopsy import --print-map j
expect --dry-run esc-autopsy import --dr

if command -v zsh >/dev/null; then
  zsh -n "$source/completions/_esc-autopsy" || { echo "FAIL: zsh syntax"; failures=$((failures + 1)); }
fi
[ "$failures" -eq 0 ] && echo "completions: ok"
exit "$failures"
