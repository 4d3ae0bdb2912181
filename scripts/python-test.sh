#!/usr/bin/env bash
# Builds the Python wheel offline around a built libdocverify, installs it into a fresh
# virtual environment (with Debian's site packages for numpy, pytest, hypothesis) and runs
# the pytest suite against the installed package, not the source tree.
# usage: scripts/python-test.sh <docverify-build-dir>
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ne 1 ] || [ ! -f "$1/CMakeCache.txt" ]; then
  echo "usage: scripts/python-test.sh <docverify-build-dir>   (a configured and built CMake tree)" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
# Nothing from the caller's environment may replace the package under test.
unset DOCVERIFY_LIBRARY DOCVERIFY_ALLOW_SOURCE PYTHONPATH
export PYTHONDONTWRITEBYTECODE=1
abi=$(sed -n 's/^#define DV_ABI_VERSION \([0-9]*\).*/\1/p' "$root/libdocverify/include/docverify/docverify.h")
py=/usr/bin/python3  # Debian's interpreter: it sees python3-build, numpy, pytest
work="$build/python"
rm -rf "$work"
mkdir -p "$work/stage" "$work/dist"
cp -r "$root/bindings/python/pyproject.toml" "$root/bindings/python/setup.py" "$root/bindings/python/README.md" \
      "$root/bindings/python/docverify" "$work/stage/"
mkdir -p "$work/stage/docverify/_lib"
cp -L "$build/libdocverify/libdocverify.so.$abi" "$work/stage/docverify/_lib/"
(cd "$work/stage" && "$py" -m build --no-isolation --wheel --outdir "$work/dist" >"$work/build.log" 2>&1) ||
  { cat "$work/build.log"; exit 1; }
wheel=$(ls "$work/dist"/docverify-*.whl)
echo "wheel: $(basename "$wheel")"
"$py" -m venv --system-site-packages "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index --no-deps "$wheel"
cd "$work"  # not the source tree: `import docverify` must find the installed package
DOCVERIFY_CLI="$build/bin/docverify" "$work/venv/bin/python" -m pytest -q -p no:cacheprovider "$root/bindings/python/tests"
# The trainer sample, run with the installed package.
"$work/venv/bin/python" "$root/samples/trainer/make_gallery.py" "$work/gallery" --capture kiosk --no-viz
grep -q 'mrz_unrecomputed' "$work/gallery/index.html"
# Each document has docverify's own report beside it, and the IR-transparent ink was caught.
grep -q 'security.ir.b900' "$work/gallery/ir_transparent_ink.html"
test -s "$work/gallery/ir_transparent_ink_checked.png"
