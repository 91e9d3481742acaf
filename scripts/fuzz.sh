#!/bin/sh
# Build the libFuzzer harnesses (fuzz/) with clang and run each one for a
# bounded time, one after the other on one core.
#   scripts/fuzz.sh [SECONDS [TARGET...]]      default: 20 s each, every target
# Environment: BC_FUZZ_BUILD (build folder, default build-fuzz),
#   BC_FUZZ_WORK (corpora and crash files, default $BC_FUZZ_BUILD/fuzz-work).
# The harnesses that need files write them under $BC_FUZZ_WORK/<target>/tmp.
# The committed seeds in fuzz/corpus/<target> are copied, never written to.
# Exit status 1 when a harness found a crash, leak, hang or UBSan report;
# the reproducer is left in $BC_FUZZ_WORK/<target>/crash-* (or leak-*, timeout-*).
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-20}"
[ $# -gt 0 ] && shift
targets="${*:-html text feed_xml feed_json story script voice normalize config}"
build="${BC_FUZZ_BUILD:-build-fuzz}"
work="${BC_FUZZ_WORK:-$build/fuzz-work}"

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz.sh: clang is needed (apt-get install clang)" >&2
  exit 1
fi
CC=clang cmake -S . -B "$build" -DBC_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz >/dev/null

# Real pages make better seeds for the HTML extractor: a few from the
# development set when it is there (not committed: they are other people's pages).
shared="${BC_SHARED:-../shared}"

failed=0
for t in $targets; do
  dir="$work/$t"
  mkdir -p "$dir/corpus"
  cp -n fuzz/corpus/"$t"/* "$dir/corpus/" 2>/dev/null || true
  # The bundled example articles seed the extractors and the analyzer too.
  case "$t" in
    html) cp -n examples/*.html "$dir/corpus/" ;;
    text|story) cp -n examples/*.txt "$dir/corpus/" ;;
  esac
  if [ "$t" = html ] && [ -d "$shared/data/extract-dev" ]; then
    for f in $(ls "$shared/data/extract-dev" | head -40); do
      [ -f "$dir/corpus/${f%.gz}" ] || gzip -dc "$shared/data/extract-dev/$f" >"$dir/corpus/${f%.gz}"
    done
  fi
  # Pages and feeds are long; the text stages get more runs from shorter inputs.
  case "$t" in html|feed_*) max_len=65536 ;; *) max_len=16384 ;; esac
  log="$dir/log.txt"
  # The harnesses that read files make their scratch folder here: it is
  # removed at a normal exit, but a crash skips that, so clear old ones.
  rm -rf "$dir/tmp"
  mkdir "$dir/tmp"
  tmp="$(cd "$dir/tmp" && pwd)"
  # A dictionary of the keywords the parser looks for, when there is one.
  dict=
  [ -f fuzz/"$t".dict ] && dict="-dict=fuzz/$t.dict"
  # -rss_limit_mb: bounded memory is part of the contract; -timeout: a single
  # input taking 10 s is a hang.
  # No -jobs: with it libFuzzer runs the session in a child process that
  # logs to ./fuzz-0.log, a name every run from this folder would share.
  if BC_FUZZ_TMP="$tmp" ASAN_OPTIONS=detect_leaks=1 \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=$max_len -print_final_stats=1 \
       -artifact_prefix="$dir/" $dict "$dir/corpus" >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed=1
  fi
  stats=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -E 's/^#([0-9]+)[^c]*cov: ([0-9]+) ft: ([0-9]+).*/execs \1 cov \2 ft \3/')
  printf '%-10s %-6s %s\n' "$t" "$status" "$stats"
  if [ "$status" = FAILED ]; then
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -8 | sed 's/^/    /'
  fi
done
exit "$failed"
