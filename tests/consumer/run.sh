#!/usr/bin/env bash
# Installs docverify from a build tree into a temporary prefix, then builds and runs a
# small C program against it twice: with find_package(docverify CONFIG) and with pkg-config.
# usage: run.sh <docverify-build-dir> <this-directory>
set -euo pipefail
build=$1
here=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
echo "installed into $prefix:"
(cd "$prefix" && find . -type f -o -type l | sort | sed 's/^/  /')

echo "== find_package(docverify CONFIG REQUIRED)"
cmake -S "$here" -B "$prefix/consumer-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_RPATH="$prefix/lib" >/dev/null
cmake --build "$prefix/consumer-build" >/dev/null
"$prefix/consumer-build/consumer"

echo "== pkg-config docverify"
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -1)
export PKG_CONFIG_PATH="$libdir"
cc -std=c99 -Wall -Wextra -pedantic -Werror "$here/consumer.c" -o "$prefix/consumer-pc" \
   $(pkg-config --cflags --libs docverify) -Wl,-rpath,"$(dirname "$libdir")"
"$prefix/consumer-pc"
