# briefcast daily: each run makes an episode of the entries not used
# before (newest first, balanced across feeds) and records them; with
# nothing new it says so, exits 0 and writes nothing.
. "$BC_SOURCE_DIR/tests/server/lib.sh"
start_server
cd "$WORK"
cat >daily.conf <<CONF
# two feeds: teaser entries (pages fetched) and full-text entries
feed = $BASE/feed/teaser.xml?type=text/html
feed = $BASE/feed/full.xml
stories = 2
max_minutes = 10
max_age_days = 0
format = wav
output_dir = episodes
name = news-%Y%m%d
state = state.db
voices = $BC_SOURCE_DIR/voices
CONF

set +e
# dry run: the choice, and nothing written
bc daily --config daily.conf --dry-run >picks.txt 2>err.txt; rc=$?
[ "$rc" -eq 0 ] || fail "dry run exit $rc"
[ ! -e episodes ] || fail "dry run wrote something"
grep -q "Bridge reopens" picks.txt && grep -q "Tram network to grow" picks.txt ||
  fail "the newest entry of each feed should come first: $(cat picks.txt)"

# 1st: newest of each feed
bc daily --config daily.conf >out1.txt 2>err1.txt; rc=$?
cat err1.txt
[ "$rc" -eq 0 ] || fail "run 1 exit $rc"
[ "$(ls episodes | wc -l)" -eq 1 ] || fail "run 1 did not write one episode"
grep -q "2 stories" err1.txt || fail "run 1 should have 2 stories"

# 2nd: the next ones; the entry linking to file:///etc/passwd is refused -> exit 3
bc daily --config daily.conf >out2.txt 2>err2.txt; rc=$?
cat err2.txt
[ "$rc" -eq 3 ] || fail "run 2 exit $rc, expected 3"
grep -q "file:///etc/passwd: a remote document may not point at local files" err2.txt || fail "run 2 error"
[ "$(ls episodes | wc -l)" -eq 2 ] || fail "run 2 did not write a second episode"

# 3rd: the last new entry
bc daily --config daily.conf 2>err3.txt; rc=$?
cat err3.txt
[ "$rc" -eq 0 ] || fail "run 3 exit $rc"
grep -q "1 story)" err3.txt || fail "run 3 should have the one entry left"

# 4th: nothing new: says so, exit 0, no file
bc daily --config daily.conf 2>err4.txt; rc=$?
cat err4.txt
[ "$rc" -eq 0 ] || fail "nothing new should exit 0, got $rc"
grep -q "nothing new" err4.txt || fail "nothing new was not said"
[ "$(ls episodes | wc -l)" -eq 3 ] || fail "an episode was written with nothing new"
# ... and with --quiet, not a word (cron mails any output)
bc daily --config daily.conf --quiet >q.txt 2>&1; rc=$?
[ "$rc" -eq 0 ] && [ ! -s q.txt ] || fail "--quiet with nothing new was not silent"
set -e

# the state file: 3 episodes, 5 entries used (the refused one too)
python3 - <<'PY' || fail "state database content"
import sqlite3
db = sqlite3.connect("state.db")
assert db.execute("select count(*) from episodes").fetchone()[0] == 3
keys = {k for (k,) in db.execute("select key from entries")}
assert keys == {"id:t-11", "id:t-12", "id:t-x", "id:full-1", "id:full-2"}, keys
assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
PY
echo ok
exit 0
