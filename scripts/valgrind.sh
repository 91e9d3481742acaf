#!/bin/sh
# Run every unit test under valgrind memcheck: no invalid access, no use of
# uninitialised memory, no leak.  espeak-ng's own defects are suppressed and
# documented in tests/valgrind.supp.
#   scripts/valgrind.sh [TEST-NAME-PATTERN]     e.g. scripts/valgrind.sh speech
# Environment: BC_VALGRIND_BUILD (build folder, default build-valgrind).
# Exit status 1 if any test fails or valgrind reports an error.
set -eu
cd "$(dirname "$0")/.."
root="$PWD"
pattern="${1:-}"
build="${BC_VALGRIND_BUILD:-build-valgrind}"
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind.sh: valgrind is needed (apt-get install valgrind)" >&2
  exit 1
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBC_SANITIZE=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null

# The hostile-input tests shrink their inputs under valgrind (it runs code
# some 30 times slower); they measure memory only in the normal build.
export BC_TEST_SMALL=1
export CMOCKA_MESSAGE_OUTPUT=stdout
logs="$build/valgrind"
mkdir -p "$logs"
passed=0
failed=0
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  case "$name" in *"$pattern"*) ;; *) continue ;; esac
  log="$logs/$name.log"
  if (cd "$build/tests" && valgrind --tool=memcheck --error-exitcode=99 \
        --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible \
        --child-silent-after-fork=yes --track-origins=no --num-callers=30 \
        --suppressions="$root/tests/valgrind.supp" \
        "./$name") >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "ok      $name"
  else
    failed=$((failed + 1))
    echo "FAILED  $name (see $log)"
    grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|[0-9,]+ bytes in)|FAILED|ERROR SUMMARY' "$log" | head -8 | sed 's/^/    /'
  fi
done
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
