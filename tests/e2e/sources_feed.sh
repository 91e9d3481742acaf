# briefcast feed --json: one JSON object per feed, from a file, a file://
# URL or an http URL (recognized by content even when served as text/html);
# a document that is not a feed is refused with exit 1.
. "$BC_SOURCE_DIR/tests/server/lib.sh"
start_server
cd "$WORK"
D=$BC_SOURCE_DIR/tests/data/feeds

bc feed --json "$D/atom.xml" >atom.json || fail "atom.xml"
bc feed --json "file://$D/rss2.xml" >rss.json || fail "file:// URL"
bc feed --json "$BASE/feed/teaser.xml?type=text/html" >teaser.json || fail "http feed"
python3 - "$BASE" <<'PY' || fail "JSON content"
import json, sys
base = sys.argv[1]
keys = ["title", "link", "description", "language", "updated", "entries"]
ekeys = ["title", "link", "id", "published", "updated", "summary", "content", "author",
         "categories", "enclosures"]
for name in ["atom.json", "rss.json", "teaser.json"]:
    f = json.load(open(name, encoding="utf-8"))
    assert list(f) == keys, (name, list(f))
    for e in f["entries"]:
        assert list(e) == ekeys, (name, list(e))
a = json.load(open("atom.json", encoding="utf-8"))
assert a["entries"][0]["link"] == "https://atom.example.org/blog/posts/hello"
assert a["entries"][0]["published"] == "2024-05-01T22:00:00Z"
r = json.load(open("rss.json", encoding="utf-8"))
assert r["entries"][0]["enclosures"] == [{"url": "https://news.example.com/media/cafe.mp3",
                                          "type": "audio/mpeg", "length": 123456}]
t = json.load(open("teaser.json", encoding="utf-8"))
assert t["entries"][0]["link"] == base + "/article/11", t["entries"][0]["link"]
PY

set +e
bc feed --json "$BASE/article/1" >/dev/null 2>err.txt; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "a page given as a feed: exit $rc, expected 1"
grep -q "not a feed" err.txt || fail "a page given as a feed: message"
set +e
bc feed --json "$BASE/missing" >/dev/null 2>err.txt; rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q "HTTP 404" err.txt || fail "404 feed"
echo ok
exit 0
