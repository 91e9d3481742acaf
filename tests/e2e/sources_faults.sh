# A briefing's sources against a server that misbehaves in every documented
# way: each bad source gets its one-line error on stderr, the good ones
# (including the recoveries) are still analyzed, and the exit code is 3.
. "$BC_SOURCE_DIR/tests/server/lib.sh"
start_server
cd "$WORK"

# A short timeout keeps the never-answering server from slowing the suite,
# when this build's analyze has the option.
T=
if "$BRIEFCAST" analyze --help | grep -q -- --timeout; then T="--timeout 3"; fi

set +e
bc analyze --json $T "$BASE/article/1" "$BASE/hang" "$BASE/reset" "$BASE/endless" \
  "$BASE/loop/a" "$BASE/to-file" "$BASE/to-ftp" "$BASE/missing" "$BASE/flaky/a" \
  "$BASE/bomb" "$BASE/badutf8" "$BASE/wrongcharset" "$BASE/busy/a" "$BASE/article/2" \
  >out.jsonl 2>err.txt
rc=$?
set -e
cat err.txt

[ "$rc" -eq 3 ] || fail "exit code $rc, expected 3 (some sources failed)"
# stdout: exactly the good sources and the recovered ones, in the order given
python3 - out.jsonl <<'PY' || fail "stdout is not the expected JSON Lines"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
titles = [json.loads(l)["title"] for l in lines]
want = ["Story 1", "Story 500", "Story 7", "Story 8", "Story 429", "Story 2"]
assert [t.split(":")[0] for t in titles] == want, titles
texts = [json.loads(l)["text"] for l in lines]
assert "caf\u00e9" in texts[3], "windows-1252 sent as UTF-8 was not recovered"
PY
# stderr: one line per failed source, each naming its URL and the reason
[ "$(wc -l <err.txt)" -eq 8 ] || fail "expected 8 error lines"
grep -q "/hang: no complete answer in time" err.txt || fail "hang"
grep -q "/reset: connection dropped" err.txt || fail "reset"
grep -q "/endless: body larger than" err.txt || fail "endless body"
grep -q "/loop/a: more than 10 redirects" err.txt || fail "redirect loop"
grep -q "/to-file: redirected to a scheme other than http/https" err.txt || fail "file redirect"
grep -q "/to-ftp: redirected to a scheme other than http/https" err.txt || fail "ftp redirect"
grep -q "/missing: HTTP 404" err.txt || fail "404"
grep -q "/bomb: body larger than" err.txt || fail "gzip bomb"
# the 500 and the 429 were retried, once each
[ "$(grep -c 'GET /flaky/a ' "$SERVER_LOG")" -eq 2 ] || fail "500 was not retried once"
[ "$(grep -c 'GET /busy/a ' "$SERVER_LOG")" -eq 2 ] || fail "429 was not retried once"
grep -q "ua=briefcast/" "$SERVER_LOG" || fail "User-Agent does not name briefcast"

# The same for a briefing: the audio is made from what could be read.
set +e
bc brief --voices "$BC_SOURCE_DIR/voices" -o brief.wav "$BASE/article/3" "$BASE/reset" \
  "$BASE/loop/a" "$BASE/missing" "$BASE/bomb" "$BASE/flaky/b" 2>brief-err.txt
rc=$?
set -e
cat brief-err.txt
[ "$rc" -eq 3 ] || fail "brief: exit code $rc, expected 3"
[ -s brief.wav ] || fail "brief: no audio was made from the good sources"
[ "$(grep -c ': \(connection dropped\|more than 10 redirects\|HTTP 404\|body larger\)' brief-err.txt)" -eq 4 ] ||
  fail "brief: each failed source should be named once"
echo ok
exit 0
