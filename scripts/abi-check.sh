#!/usr/bin/env bash
# The ABI gate: builds libdocverify.so with debug information and compares it with the
# checked-in baseline in abi/:
#   - abi/libdocverify.abi (abidw): abidiff fails on any incompatible change;
#   - abi/symbols.txt: the exported dynamic symbols must match exactly.
# usage: scripts/abi-check.sh           check (CI)
#        scripts/abi-check.sh --update  rewrite the baseline after a deliberate, compatible
#                                       addition (see docs/api-stability.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ABI_BUILD_DIR:-"$root/build/abi"}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOCVERIFY_LTO=OFF \
  -DDOCVERIFY_BUILD_TESTS=OFF -DDOCVERIFY_BUILD_BENCHMARKS=OFF -DDOCVERIFY_BUILD_SAMPLES=OFF \
  -DDOCVERIFY_BUILD_CLI=OFF >/dev/null
cmake --build "$build" --target docverify >/dev/null
lib=$(readlink -f "$build/libdocverify/libdocverify.so")
headers="$root/libdocverify/include/docverify"

abidw --no-corpus-path --drop-private-types --headers-dir "$headers" --out-file "$build/current.abi" "$lib"
nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep -v '^DOCVERIFY_' | sort > "$build/symbols.txt"

if [ "${1:-}" = "--update" ]; then
  cp "$build/current.abi" "$root/abi/libdocverify.abi"
  cp "$build/symbols.txt" "$root/abi/symbols.txt"
  echo "abi: baseline updated ($(wc -l < "$root/abi/symbols.txt") symbols); commit abi/ with the change"
  exit 0
fi

status=0
# The SONAME must carry the ABI version the header announces.
abi_version=$(sed -n 's/^#define DV_ABI_VERSION \([0-9]*\).*/\1/p' "$headers/docverify.h")
soname=$(readelf -d "$lib" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
if [ "$soname" != "libdocverify.so.$abi_version" ]; then
  echo "abi: SONAME $soname does not match DV_ABI_VERSION $abi_version (DOCVERIFY_SOVERSION in CMakeLists.txt)" >&2
  status=1
fi
if ! diff -u "$root/abi/symbols.txt" "$build/symbols.txt"; then
  echo "abi: the exported symbols differ from abi/symbols.txt (lines with - were removed, + added)." >&2
  echo "abi: a removal breaks vendors; an addition is fine but must be recorded: scripts/abi-check.sh --update" >&2
  status=1
fi
set +e
abidiff --no-added-syms --suppressions "$root/abi/suppressions.abignore" --headers-dir1 "$headers" --headers-dir2 "$headers" \
  "$root/abi/libdocverify.abi" "$build/current.abi" > "$build/abidiff.txt"
code=$?
set -e
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI change, 8 incompatible change.
if [ $((code & 3)) -ne 0 ]; then
  cat "$build/abidiff.txt" >&2
  echo "abi: abidiff failed to compare (status $code)" >&2
  status=1
elif [ $((code & 12)) -ne 0 ]; then
  # Added functions are not reported (--no-added-syms); anything reported changed a type or
  # function vendors already use (a struct's size, a field, a parameter): that breaks
  # deployed binaries, whatever abidiff's own classification says.
  cat "$build/abidiff.txt" >&2
  echo "abi: the ABI of existing symbols changed against abi/libdocverify.abi." >&2
  echo "abi: if that was deliberate, bump DOCVERIFY_SOVERSION and DV_ABI_VERSION (incompatible) or add a" >&2
  echo "abi: new versioned struct or _v2 function instead; then record it: scripts/abi-check.sh --update" >&2
  status=1
fi
# The suppressed growth of versioned structs must be appends only.
if ! /usr/bin/python3 "$root/scripts/abi_appended_only.py" "$root/abi/libdocverify.abi" "$build/current.abi" \
  dv_context_options dv_image_view dv_encoded_image dv_read_options dv_verify_options dv_specimen_options dv_seal_options; then
  status=1
fi
[ $status -eq 0 ] && echo "abi: libdocverify.so matches the baseline ($(wc -l < "$build/symbols.txt") exported symbols)"
exit $status
