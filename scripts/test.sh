#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls this and nothing else):
#   1. Release build with warnings as errors: unit, CLI and golden tests, fuzz corpus replay,
#      and a short benchmark smoke run.
#   2. Debug build with AddressSanitizer + UndefinedBehaviorSanitizer: the same tests.
#   3. ThreadSanitizer build: the thread test and the C API tests.
#   4. The ABI gate (scripts/abi-check.sh) against abi/.
#   5. libFuzzer (clang) on every fuzz target for DOCVERIFY_FUZZ_SECONDS each (default 30).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
jobs=$(nproc)
fuzz_seconds=${DOCVERIFY_FUZZ_SECONDS:-30}

echo "== Release build (-Werror)"
"$root/scripts/build.sh" "$root/build/release" -DCMAKE_BUILD_TYPE=Release -DDOCVERIFY_WERROR=ON \
  -DDOCVERIFY_BUILD_TESTS=ON -DDOCVERIFY_BUILD_BENCHMARKS=ON -DDOCVERIFY_BUILD_SAMPLES=ON
ctest --test-dir "$root/build/release" --output-on-failure -j "$jobs"
"$root/build/release/benchmarks/docverify_mrz_bench" --benchmark_min_time=0.01 >/dev/null
"$root/build/release/benchmarks/docverify_read_bench" --benchmark_min_time=0.01 >/dev/null
# The accuracy harness on a small corpus: it must run and print its tables (the full run,
# 504 images per profile, is in benchmarks/README.md).
"$root/build/release/benchmarks/docverify_mrz_read_accuracy" --limit 12 --baseline-every 6 2>/dev/null | tail -3
# And the forgery-detection harness, two documents a cell.
"$root/build/release/benchmarks/docverify_verify_accuracy" --per-type 2 --genuine 2 --only scan | tail -3
# Seals: decode + verify speed, and the read-rate harness on two pages a cell.
"$root/build/release/benchmarks/docverify_seal_bench" --benchmark_min_time=0.01 >/dev/null
"$root/build/release/benchmarks/docverify_seal_read_accuracy" --count 2 | tail -3

echo "== Debug build with ASan + UBSan (-Werror)"
"$root/scripts/build.sh" "$root/build/asan" -DCMAKE_BUILD_TYPE=Debug -DDOCVERIFY_WERROR=ON \
  -DDOCVERIFY_SANITIZE=address,undefined -DDOCVERIFY_BUILD_TESTS=ON -DDOCVERIFY_BUILD_BENCHMARKS=OFF
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$root/build/asan" --output-on-failure -j "$jobs"

echo "== ThreadSanitizer: the C API thread test, the C API tests, concurrent trust-store readers"
"$root/scripts/build.sh" "$root/build/tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOCVERIFY_SANITIZE=thread \
  -DDOCVERIFY_BUILD_TESTS=ON -DDOCVERIFY_BUILD_BENCHMARKS=OFF -DDOCVERIFY_BUILD_SAMPLES=OFF -DDOCVERIFY_BUILD_CLI=OFF
TSAN_OPTIONS="halt_on_error=1 suppressions=$root/tests/sanitizers/tsan.supp" ctest --test-dir "$root/build/tsan" --output-on-failure -R "thread_test|capi_test|crypto.TrustStoreChain.ConcurrentReaders"

echo "== ABI gate"
"$root/scripts/abi-check.sh"

echo "== libFuzzer, ${fuzz_seconds}s per target"
CC=clang CXX=clang++ "$root/scripts/build.sh" "$root/build/fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDOCVERIFY_BUILD_FUZZERS=ON -DDOCVERIFY_BUILD_TESTS=OFF -DDOCVERIFY_BUILD_BENCHMARKS=OFF \
  -DDOCVERIFY_BUILD_CLI=OFF -DDOCVERIFY_BUILD_SAMPLES=OFF -DDOCVERIFY_WERROR=ON
for target in fuzz_mrz_text fuzz_mrz_reading fuzz_mrz_build fuzz_image_decode fuzz_ocr_model fuzz_viz_text \
              fuzz_seal_payload fuzz_vds_nc fuzz_aamva fuzz_trust_store fuzz_barcode_image; do
  corpus="$root/fuzz/corpus/mrz_text"
  [ "$target" = fuzz_mrz_build ] && corpus="$root/fuzz/corpus/mrz_build"
  [ "$target" = fuzz_image_decode ] && corpus="$root/fuzz/corpus/image_decode"
  [ "$target" = fuzz_ocr_model ] && corpus="$root/fuzz/corpus/ocr_model"
  [ "$target" = fuzz_viz_text ] && corpus="$root/fuzz/corpus/viz_text"
  [ "$target" = fuzz_seal_payload ] && corpus="$root/fuzz/corpus/seal_payload"
  [ "$target" = fuzz_vds_nc ] && corpus="$root/fuzz/corpus/vds_nc"
  [ "$target" = fuzz_aamva ] && corpus="$root/fuzz/corpus/aamva"
  [ "$target" = fuzz_trust_store ] && corpus="$root/fuzz/corpus/trust_store"
  [ "$target" = fuzz_barcode_image ] && corpus="$root/fuzz/corpus/barcode_image"
  max_len=4200
  [ "$target" = fuzz_image_decode ] && max_len=12000
  [ "$target" = fuzz_ocr_model ] && max_len=300000
  [ "$target" = fuzz_trust_store ] && max_len=20000
  [ "$target" = fuzz_barcode_image ] && max_len=70000
  work="$root/build/fuzz/corpus-$target"
  mkdir -p "$work"
  (cd "$root/build/fuzz" && "./fuzz/$target" -max_total_time="$fuzz_seconds" -max_len="$max_len" -rss_limit_mb=3072 -print_final_stats=1 \
     "$work" "$corpus" 2>&1 | grep -E "^(Done|stat::number_of_executed_units)|ERROR|SUMMARY" || true)
  if ls "$root/build/fuzz"/crash-* "$root/build/fuzz"/leak-* "$root/build/fuzz"/timeout-* >/dev/null 2>&1; then
    echo "fuzz: $target found a failing input (see build/fuzz/)" >&2
    exit 1
  fi
done
echo "== all tests passed"
