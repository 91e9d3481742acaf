#!/bin/sh
# Set up briefcast on a Debian 12 machine: install what is missing, build,
# and write a briefing from the bundled examples.
#   scripts/setup.sh [OUTPUT]      (default OUTPUT: briefing.mp3)
set -eu
cd "$(dirname "$0")/.."

PACKAGES="build-essential cmake pkg-config git python3
  espeak-ng libespeak-ng-dev libsndfile1-dev libcurl4-openssl-dev libxml2-dev
  libjansson-dev libutf8proc-dev libsoxr-dev libebur128-dev libsqlite3-dev libcmocka-dev
  clang libclang-rt-14-dev valgrind"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing:$missing"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

out="${1:-briefing.mp3}"
./build/briefcast brief --quiet examples/*.html examples/*.txt -o "$out"
echo "setup: wrote $out; try: ./build/briefcast --help"
