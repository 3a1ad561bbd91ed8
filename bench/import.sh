#!/usr/bin/env bash
# `esc-autopsy import` benchmark: a generated 100,000-row Salesforce export
# into an empty folder (every file created), then again (every file read and
# found unchanged); median of RUNS runs each. Target: under 5 s for the first.
#
#   bench/import.sh                      # 100000 rows, 3 runs
#   ROWS=10000 RUNS=5 bench/import.sh
#
# Environment: ROWS, RUNS, BUILD_DIR (default build), OUT (default /tmp/esc-import-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-100000}"
RUNS="${RUNS:-3}"
BUILD_DIR="${BUILD_DIR:-build}"
OUT="${OUT:-/tmp/esc-import-bench}"
bin="$BUILD_DIR/esc-autopsy"
[ -x "$bin" ] || { echo "import.sh: build $bin first" >&2; exit 2; }
mkdir -p "$OUT"
export_csv="$OUT/export-$ROWS.csv"
[ -f "$export_csv" ] || python3 bench/generate_export.py "$export_csv" --rows "$ROWS"
echo "export: $export_csv ($(du -h "$export_csv" | cut -f1), $ROWS rows)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

fresh=() again=()
for ((i = 0; i < RUNS; i++)); do
  rm -rf "$OUT/cases"
  fresh+=("$(seconds "$bin" import --preset salesforce-cases -q -o "$OUT/cases" "$export_csv")")
  again+=("$(seconds "$bin" import --preset salesforce-cases -q -o "$OUT/cases" "$export_csv")")
done
echo "files written: $(find "$OUT/cases" -name '*.yaml' | wc -l)"
echo "import into an empty folder, s: ${fresh[*]} (median $(printf '%s\n' "${fresh[@]}" | median))"
echo "re-import, all unchanged, s:    ${again[*]} (median $(printf '%s\n' "${again[@]}" | median))"
