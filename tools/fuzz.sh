#!/usr/bin/env bash
# Builds the libFuzzer target (loader + validator) with clang, ASan and UBSan
# in build-fuzz/ and runs it, seeded from tests/cases/ and examples/.
#
#   tools/fuzz.sh                 # 60-second smoke (what CI runs)
#   tools/fuzz.sh 3600            # one hour
#   tools/fuzz.sh 0 -runs=10000000  # 10 million executions, no time limit
#   FUZZ_TARGET=csv tools/fuzz.sh   # the CSV reader of `import` instead
#
# Extra arguments go to libFuzzer. Crashes, timeouts and out-of-memory inputs
# are written to build-fuzz/artifacts/; the script fails when one is found.
# Needs Debian's clang-14 and libclang-rt-14-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
build=build-fuzz
cxx="${CXX_FUZZ:-clang++-14}"
command -v "$cxx" >/dev/null || { echo "fuzz.sh: $cxx not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }

cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DESC_FUZZ=ON -DESC_BUILD_TESTS=OFF >/dev/null
target="fuzz_${FUZZ_TARGET:-loader}"
cmake --build "$build" --target "$target" -j "${JOBS:-1}"
if [ "$target" = fuzz_csv ]; then
  mkdir -p "$build/corpus-csv" "$build/artifacts"
  exec "$build/fuzz_csv" "$build/corpus-csv" tests/cases/import -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$build/artifacts/" "$@"
fi

corpus="$build/corpus"
mkdir -p "$corpus" "$build/artifacts"
seeds=(tests/cases examples tests/fuzz/regressions)
existing=()
for s in "${seeds[@]}"; do [ -d "$s" ] && existing+=("$s"); done

# Duplicate keys, aliases, deep nesting and huge documents are what the
# loader's limits exist for; keep inputs small enough to be fast.
exec "$build/fuzz_loader" "$corpus" "${existing[@]}" \
  -dict=tests/fuzz/yaml.dict -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$build/artifacts/" "$@"
