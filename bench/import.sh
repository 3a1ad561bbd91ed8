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
# Elapsed seconds of a command; its CPU seconds (user + sys) go to $OUT/cpu.
seconds() {
  /usr/bin/time -f "%e %U %S" -o "$OUT/time" "$@" >/dev/null 2>&1 || true
  read -r elapsed user sys <"$OUT/time"
  echo "$user + $sys" | bc >>"$OUT/cpu"
  echo "$elapsed"
}

fresh=() again=() fresh_cpu=() again_cpu=()
for ((i = 0; i < RUNS; i++)); do
  rm -rf "$OUT/cases" "$OUT/cpu"
  fresh+=("$(seconds "$bin" import --preset salesforce-cases -q -o "$OUT/cases" "$export_csv")")
  again+=("$(seconds "$bin" import --preset salesforce-cases -q -o "$OUT/cases" "$export_csv")")
  mapfile -t cpu <"$OUT/cpu"
  fresh_cpu+=("${cpu[0]}") again_cpu+=("${cpu[1]}")
done
echo "files written: $(find "$OUT/cases" -name '*.yaml' | wc -l); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "import into an empty folder, elapsed s: ${fresh[*]} (median $(printf '%s\n' "${fresh[@]}" | median))"
echo "                             CPU s:     ${fresh_cpu[*]} (median $(printf '%s\n' "${fresh_cpu[@]}" | median))"
echo "re-import, all unchanged, elapsed s:    ${again[*]} (median $(printf '%s\n' "${again[@]}" | median))"
echo "                             CPU s:     ${again_cpu[*]} (median $(printf '%s\n' "${again_cpu[@]}" | median))"
