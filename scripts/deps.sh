#!/usr/bin/env bash
# Installs what docverify needs to build, test and benchmark on Debian 12. Idempotent:
# packages already present are not touched, and nothing runs apt when all are there.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang libclang-rt-14-dev
  # the library's dependencies (OpenCV by module, Tesseract with English LSTM data, zxing-cpp, OpenSSL)
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libopencv-dev
  libtesseract-dev libleptonica-dev tesseract-ocr-eng libzxing-dev libssl-dev libfreetype-dev fonts-ocr-b fonts-dejavu-core fonts-dejavu-extra
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev abigail-tools
  # Python bindings and their tests (Debian's python3; PyPI is not used)
  python3 python3-dev python3-numpy python3-pytest python3-hypothesis python3-cffi python3-build
  python3-wheel python3-setuptools python3-pip python3-venv pybind11-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "deps: need root or sudo to install packages" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
