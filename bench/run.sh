#!/usr/bin/env bash
# esc-autopsy benchmark: validate and report --format json against the floor
# (a bare yaml-cpp event parse; also a bare libyaml parse, the parser
# esc-autopsy uses), the analyst's Python script and yamllint, on
# the same generated corpora, with medians of several runs and peak RSS.
#
#   bench/run.sh                          # 1k, 10k (5 runs) and 100k cases (3 runs)
#   SIZES="1000 10000" RUNS=3 bench/run.sh
#
# Environment: SIZES (cases per corpus), RUNS (runs per tool and size; 3 from
# 100k cases unless RUNS_LARGE says otherwise), YAMLLINT_RUNS (default RUNS,
# but 1 from 100k cases: one yamllint run takes about ten minutes there),
# JOBS (threads for esc-autopsy and the floor; default: cores), BUILD_DIR
# (an existing build folder to use instead of a fresh one), OUT (work
# folder, default /tmp/esc-bench), SKIP_SLOW=1 (no Python, no yamllint).
# Needs: python3-yaml python3-networkx yamllint time libyaml-cpp-dev (Debian;
# yaml-cpp only for the yaml-cpp floor).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000 10000 100000}"
RUNS="${RUNS:-5}"
JOBS="${JOBS:-$(nproc)}"
OUT="${OUT:-/tmp/esc-bench}"
AS_OF=2026-01-01
mkdir -p "$OUT"

for tool in /usr/bin/time yamllint; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing (apt-get install time yamllint)" >&2; exit 2; }
done
python3 -c 'import yaml, networkx; yaml.CSafeLoader' 2>/dev/null ||
  { echo "run.sh: needs python3-yaml (with libyaml) and python3-networkx" >&2; exit 2; }

# A build of its own (RelWithDebInfo, the default), or BUILD_DIR=build to
# reuse an existing build folder (the floor target is added to it).
if [ -n "${BUILD_DIR:-}" ]; then
  build="$BUILD_DIR"
  cmake -S . -B "$build" -DESC_BUILD_BENCH=ON >/dev/null
else
  build="$OUT/build"
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DESC_BUILD_TESTS=OFF -DESC_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build" -j 1 --target esc-autopsy esc_parse_floor >/dev/null
esc="$build/esc-autopsy"
floor="$build/bench/esc_parse_floor"

# One timed run: prints "wall_seconds max_rss_kib cpu_seconds" for the command.
timed() {
  local log="$OUT/time.log"
  /usr/bin/time -f "%e %M %U %S" -o "$log" "$@" >/dev/null 2>"$OUT/stderr.log" || true
  tail -1 "$log" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A CMD
CMD[validate]="$esc -j $JOBS validate -q"
CMD[report]="$esc -j $JOBS report --format json --as-of $AS_OF"
CMD[floor]="$floor -j $JOBS"
CMD[libyaml]="$floor -j $JOBS --parser libyaml"
CMD[python]="python3 bench/analyst_script.py --as-of $AS_OF"
CMD[yamllint]="yamllint -d relaxed -f parsable"

results="$OUT/results.tsv"
echo -e "cases\tfiles\tmib\tlargest\ttool\tseconds\trss_kib\tcpu_seconds" >"$results"
for n in $SIZES; do
  corpus="$OUT/corpus-$n"
  [ -f "$corpus.done" ] || { rm -rf "$corpus"; python3 bench/generate_corpus.py "$corpus" --cases "$n"; touch "$corpus.done"; }
  files=$(find "$corpus" -type f | wc -l)
  bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  largest=$(find "$corpus" -type f -printf '%s\n' | sort -n | tail -1)
  mib=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1048576}')
  # Warm the page cache once so that every tool reads from memory.
  find "$corpus" -type f -exec cat {} + >/dev/null
  tools="validate report floor libyaml"
  [ "${SKIP_SLOW:-0}" = 1 ] || tools="$tools python yamllint"
  runs="$RUNS"
  [ "$n" -ge 100000 ] && runs="${RUNS_LARGE:-3}"
  yl_runs="${YAMLLINT_RUNS:-$([ "$n" -ge 100000 ] && echo 1 || echo "$runs")}"
  declare -A times=() rss=() cpus=()
  # Rounds interleave the tools, so that noise from other work on the machine
  # falls on all of them alike.
  read -r -a order <<<"$tools"
  for ((r = 1; r <= runs; r++)); do
    # Each round starts with another tool, so that none always follows yamllint.
    for ((t = 0; t < ${#order[@]}; t++)); do
      tool="${order[$(((t + r - 1) % ${#order[@]}))]}"
      [ "$tool" = yamllint ] && [ "$r" -gt "$yl_runs" ] && continue
      read -r s k c <<<"$(timed ${CMD[$tool]} "$corpus")"
      times[$tool]+="$s "
      rss[$tool]+="$k "
      cpus[$tool]+="$c "
      echo -e "$n\t$files\t$mib\t$largest\t$tool\t$s\t$k\t$c" >>"$results"
      echo "  $n cases, run $r: $tool ${s}s ${k}KiB cpu ${c}s" >&2
    done
  done
  echo "== $n cases: $files files, $mib MiB, largest file $largest bytes, $JOBS threads"
  declare -A med=() medrss=() medcpu=()
  for tool in $tools; do
    med[$tool]=$(tr ' ' '\n' <<<"${times[$tool]}" | grep . | median)
    medrss[$tool]=$(tr ' ' '\n' <<<"${rss[$tool]}" | grep . | median)
    medcpu[$tool]=$(tr ' ' '\n' <<<"${cpus[$tool]}" | grep . | median)
    printf "  %-9s %8.2f s wall %8.2f s cpu %8.1f MiB peak RSS\n" "$tool" "${med[$tool]}" "${medcpu[$tool]}" \
      "$(awk -v k="${medrss[$tool]}" 'BEGIN {print k/1024}')"
  done
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a/b : 0)}'; }
  echo "  validate/floor $(ratio "${med[validate]}" "${med[floor]}")x (target <= 1.25)," \
    "report/floor $(ratio "${med[report]}" "${med[floor]}")x (target <= 1.25);" \
    "in CPU time $(ratio "${medcpu[validate]}" "${medcpu[floor]}")x and $(ratio "${medcpu[report]}" "${medcpu[floor]}")x"
  echo "  against a bare libyaml parse (the parser esc-autopsy uses): validate $(ratio "${med[validate]}" "${med[libyaml]}")x," \
    "report $(ratio "${med[report]}" "${med[libyaml]}")x"
  if [ "${SKIP_SLOW:-0}" != 1 ]; then
    echo "  python/report $(ratio "${med[python]}" "${med[report]}")x (target >= 4)," \
      "yamllint/validate $(ratio "${med[yamllint]}" "${med[validate]}")x (target >= 30)"
  fi
  # Memory over what any process of this kind needs (the floor's RSS: the
  # binary, the C++ runtime, the parser, one file), against the budget.
  for tool in validate report; do
    budget=$(( (2048 * n + largest) / 1024 ))
    over=$(( ${medrss[$tool]} - ${medrss[floor]} ))
    echo "  $tool peak RSS ${medrss[$tool]} KiB, ${over} KiB over the floor = $(( over * 1024 / n )) bytes/case;" \
      "budget 2 KiB/case + largest file = $budget KiB"
  done
done
echo "raw runs: $results"
