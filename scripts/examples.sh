#!/usr/bin/env bash
# The main job on the bundled examples: builds docverify, runs `docverify read` on every
# image in samples/images (MRZ found, rectified, read and proven), `docverify verify` on the
# passport scan (the authenticity checks), `docverify verify` on a generated kiosk capture
# with its infrared and ultraviolet frames (its HTML report and annotated page written to
# build/examples/reports/), `docverify seal` on the bundled seals (a visa's VDS, a VDS-NC,
# an AAMVA licence) with their test PKI, and `docverify mrz` on every MRZ text in
# samples/mrz, printing the readable report of each.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh" "$root/build/examples" -DCMAKE_BUILD_TYPE=Release -DDOCVERIFY_BUILD_TESTS=OFF \
  -DDOCVERIFY_BUILD_BENCHMARKS=OFF -DDOCVERIFY_BUILD_SAMPLES=OFF
docverify="$root/build/examples/bin/docverify"
status=0
for f in "$root"/samples/images/*.jpg; do
  echo "=================================================================================="
  echo "docverify read samples/images/$(basename "$f")"
  echo "----------------------------------------------------------------------------------"
  set +e
  "$docverify" read "$f"
  code=$?
  set -e
  echo "(exit status $code: 0 valid MRZ, 1 none or not valid, 2 unreadable image)"
  [ "$code" -le 1 ] || status=1
done
echo "=================================================================================="
echo "docverify verify --profile trainer samples/images/passport-td3-scan.jpg"
echo "----------------------------------------------------------------------------------"
set +e
"$docverify" verify --profile trainer "$root/samples/images/passport-td3-scan.jpg"
code=$?
set -e
echo "(exit status $code: 0 verdict ok, 1 suspect, error or not_done, 2 unreadable image)"
[ "$code" -le 1 ] || status=1
# A kiosk capture with its infrared and ultraviolet frames, generated: a counterfeit MRZ
# printed in ink infrared light goes through.
kiosk=$(mktemp -d)
trap 'rm -rf "$kiosk"' EXIT
"$docverify" specimen --format TD3 --capture kiosk --forgery ir_transparent_ink --out "$kiosk" >/dev/null
echo "=================================================================================="
echo "docverify verify --profile kiosk --companions --html --annotate (generated kiosk capture, IR-transparent MRZ ink)"
echo "----------------------------------------------------------------------------------"
reports="$root/build/examples/reports"
mkdir -p "$reports"
set +e
"$docverify" verify --profile kiosk --no-viz --companions --html "$reports/kiosk.html" --annotate "$reports/kiosk.png" \
  "$kiosk"/td3-ir_transparent_ink-seed1-00000.png | grep -E "security\.|Verdict"
code=${PIPESTATUS[0]}
set -e
echo "(exit status $code: 1 expected, the verdict is error)"
echo "reports: $reports/kiosk.html (open in a browser), $reports/kiosk.png"
[ "$code" -eq 1 ] || status=1
[ -s "$reports/kiosk.html" ] && [ -s "$reports/kiosk.png" ] || status=1
# Seals: a visa scan with its printed VDS, a VDS-NC QR code and an AAMVA PDF417, verified
# with the bundled test PKI (samples/seals/pki); the visa's seal also inside `verify`.
seals="$root/samples/seals"
for f in "$seals"/visa-mrva.jpg "$seals"/vaccination-qr.png "$seals"/licence-pdf417.png; do
  echo "=================================================================================="
  echo "docverify seal --trust samples/seals/pki samples/seals/$(basename "$f")"
  echo "----------------------------------------------------------------------------------"
  set +e
  "$docverify" seal --today 2026-12-01 --trust "$seals/pki" "$f"
  code=$?
  set -e
  echo "(exit status $code: 0 verdict ok, 1 not ok (an AAMVA licence is unsigned: not_done), 2 unreadable)"
  [ "$code" -le 1 ] || status=1
done
echo "=================================================================================="
echo "docverify seal --raw samples/seals/visa-mrva.vds (payload bytes from a hand scanner)"
echo "----------------------------------------------------------------------------------"
"$docverify" seal --today 2026-12-01 --trust "$seals/pki" --raw "$seals/visa-mrva.vds" || status=1
echo "=================================================================================="
echo "docverify verify --trust samples/seals/pki samples/seals/visa-mrva.jpg (the seal's MRZ against the printed one)"
echo "----------------------------------------------------------------------------------"
set +e
"$docverify" verify --today 2026-12-01 --profile trainer --no-viz --trust "$seals/pki" "$seals/visa-mrva.jpg" | grep -E "seal\.|Verdict"
code=${PIPESTATUS[0]}
set -e
[ "$code" -le 1 ] || status=1
for f in "$root"/samples/mrz/*.mrz; do
  echo "=================================================================================="
  echo "docverify mrz < samples/mrz/$(basename "$f")"
  echo "----------------------------------------------------------------------------------"
  set +e
  "$docverify" mrz < "$f"
  code=$?
  set -e
  echo "(exit status $code: 0 valid, 1 a check failed, 2 unusable input)"
  # 1 is an expected answer for forged, expired or specimen documents; 2 means broken input.
  [ "$code" -le 1 ] || status=1
done
exit $status
