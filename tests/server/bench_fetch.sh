#!/usr/bin/env bash
# Benchmark of the fetch stage: wall time of `briefcast analyze --json` for
# N article URLs that the local test server answers after 200 ms each, one
# by one (--jobs 1) and concurrently (the default 8, then 16 and 64).
# Not a test (timings vary with the machine); run by hand:
#   BRIEFCAST=build/briefcast BC_SOURCE_DIR=. tests/server/bench_fetch.sh [N...]
. "${BC_SOURCE_DIR:-.}/tests/server/lib.sh"
start_server
sizes=${*:-50 200}
printf "%-9s %-6s %10s  %s\n" articles jobs "wall (s)" "articles ok"
for n in $sizes; do
  urls=()
  for i in $(seq 1 "$n"); do urls+=("$BASE/article/$i?delay=200"); done
  for jobs in 1 8 16 64; do
    start=$(date +%s.%N)
    ok=$(BC_TIME_LIMIT=600 bc analyze --json --jobs "$jobs" "${urls[@]}" 2>/dev/null | wc -l)
    end=$(date +%s.%N)
    printf "%-9s %-6s %10.2f  %s\n" "$n" "$jobs" "$(python3 -c "print($end - $start)")" "$ok"
  done
done
