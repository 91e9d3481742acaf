#!/bin/sh
# Run the whole test suite: the normal build, then the same tests built with
# AddressSanitizer and UndefinedBehaviorSanitizer.
#   scripts/test.sh [CTEST-ARGS...]
set -eu
cd "$(dirname "$0")/.."
jobs="$(nproc)"

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs" "$@"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBC_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
# espeak-ng's own allocations at exit are not ours to fix; see tests/lsan.supp.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" "$@"
