# Sources of every kind on one command line: a page, a feed recognized by its
# content (served as text/html), a local feed file, a file:// URL and an OPML
# list; output in the order given, feeds expanded to their entries.
. "$BC_SOURCE_DIR/tests/server/lib.sh"
start_server
cd "$WORK"
D=$BC_SOURCE_DIR/tests/data/feeds
sed "s#{{BASE}}#$BASE#g" "$D/list.opml" >list.opml
sed "s#{{BASE}}#$BASE#g" "$D/full.xml" >full-local.xml
python3 -c "print('<html><body><h1>Local page</h1><p>' + 'The local council met on Tuesday and agreed the new budget for the schools. ' * 8 + '</p></body></html>')" >page.html

set +e
# An OPML list is recognized by content as a source, or named with --opml.
OPML=list.opml
if "$BRIEFCAST" analyze --help | grep -q -- --opml; then OPML="--opml list.opml"; fi
bc analyze --json "$BASE/article/3" "$BASE/feed/teaser.xml?type=text/html" \
  full-local.xml "file://$WORK/page.html" $OPML >out.jsonl 2>err.txt
rc=$?
set -e
cat err.txt
# the teaser feed links to file:///etc/passwd: refused, so exit 3
[ "$rc" -eq 3 ] || fail "exit code $rc, expected 3"
grep -q "file:///etc/passwd: a remote document may not point at local files" err.txt ||
  fail "a remote feed could make us read a local file"
[ "$(wc -l <err.txt)" -eq 2 ] || fail "unexpected errors"
python3 - out.jsonl <<'PY' || fail "wrong articles or order"
import json, sys
got = [json.loads(l)["title"] for l in open(sys.argv[1], encoding="utf-8")]
want = ["Story 3: the river bridge reopens",
        "Story 11: the river bridge reopens", "Story 12: the river bridge reopens",
        "Tram network to grow", "Second tram story",
        "Local page",
        # then the OPML list: full.xml (full text), teaser.xml (pages fetched)
        "Tram network to grow", "Second tram story",
        "Story 11: the river bridge reopens", "Story 12: the river bridge reopens"]
assert got == want, got
PY
# full-text entries are used directly: their links (/missing) are never fetched
! grep -q "GET /missing" "$SERVER_LOG" || fail "fetched the link of a full-text entry"

# --state: the second run asks with If-None-Match, gets 304 and the same article
bc analyze --json --state state.db "$BASE/etag" >first.jsonl || fail "etag run 1"
bc analyze --json --state state.db "$BASE/etag" >second.jsonl || fail "etag run 2"
cmp -s first.jsonl second.jsonl || fail "the 304 did not give the cached article"
grep -q 'GET /etag 304 inm="v1"' "$SERVER_LOG" || fail "no conditional request was made"
echo ok
exit 0
