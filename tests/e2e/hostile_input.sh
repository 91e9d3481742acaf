#!/bin/bash
# Hostile input through the tool, as a user would meet it: a 50 MB page, a
# page nested 100 000 deep, a text of one million paragraphs, a feed of
# 100 000 entries, a 10 MB line without a space, a 70 MB file.  Each ends with
# JSON on stdout (exit 0) or a one-line error (exit 1); none hangs (a 300 s
# guard per command, far above the few seconds they take) or crashes.
# Inputs are generated here, in a temporary folder.
. "$(dirname "$0")/lib.inc"
cd "$TMP"

# run NAME FILE [ARGS...]: analyze --json FILE; must exit 0 with one JSON line
# per article, or 1 with a short error naming the file.
run() {
  name=$1; file=$2; shift 2
  timeout 300 "$BRIEFCAST" analyze --json -q "$@" "$file" > out.json 2> err.txt
  rc=$?
  case $rc in
    0) if python3 -c 'import json,sys; [json.loads(l) for l in open("out.json")]' 2>/dev/null \
          && [ -s out.json ]; then pass "$name: analyzed"; else fail "$name: exit 0 but no JSON"; fi ;;
    1|3) if [ -s out.json ]; then fail "$name: failed but wrote stdout"
         elif grep -q "$file" err.txt && [ "$(grep -c . err.txt)" -le 2 ]; then
           pass "$name: clear error: $(head -c 200 err.txt)"
         else fail "$name: unclear error: $(head -c 300 err.txt)"; fi ;;
    124) fail "$name: no end within 300 s" ;;
    *) fail "$name: exit $rc: $(tail -c 300 err.txt)" ;;
  esac
}

python3 - <<'PY'
import json
with open("big.html", "w") as f:
    f.write("<!DOCTYPE html><html><head><title>Council approves the bridge plan</title></head>"
            "<body><article><h1>Council approves the bridge plan</h1>\n")
    i = 0
    while f.tell() < 50 * 1024 * 1024:
        f.write("<p>Paragraph %d: the council said the repair would take three years and "
                "cost $48 million, Mayor Ana Ruiz said.</p>\n" % i)
        i += 1
    f.write("</article></body></html>\n")
with open("deep.html", "w") as f:
    f.write("<html><head><title>Deep</title></head><body>" + "<div>" * 100000 +
            "<p>The story is down here, in one long enough paragraph of plain words.</p>" +
            "</div>" * 100000 + "</body></html>")
with open("million.txt", "w") as f:
    f.write("One million paragraphs\n\n")
    for i in range(1000000):
        f.write('Paragraph %d says "it is short," Ms. Reyes said.\n\n' % i)
with open("line.txt", "w") as f:
    f.write("A title\n\n" + "abcdefghij" * (1024 * 1024) + "\n")
with open("feed.xml", "w") as f:
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Huge</title>'
            '<link>http://127.0.0.1:9/</link>\n')
    for i in range(100000):
        f.write("<item><title>Entry %d</title><guid>id-%d</guid><description>Entry %d has its "
                "whole text here, which is short.</description></item>\n" % (i, i, i))
    f.write("</channel></rss>\n")
with open("huge.txt", "w") as f:
    line = "Words and more words in a line of a very long text file. " * 16 + "\n"
    while f.tell() < 70 * 1024 * 1024:
        f.write(line)
PY

run "50 MB page" big.html
run "100 000 nested elements" deep.html
run "one million paragraphs" million.txt
run "10 MB line without spaces" line.txt
run "70 MB text file" huge.txt

# The feed: 100 000 entries read (feed --json), not fetched.
timeout 300 "$BRIEFCAST" feed --json feed.xml > feed.json 2> feed.err
rc=$?
if [ $rc -eq 0 ]; then
  n=$(python3 -c 'import json; print(len(json.load(open("feed.json"))["entries"]))' 2>/dev/null)
  check "feed with 100 000 entries: all read" test "$n" = 100000
elif [ $rc -eq 124 ]; then fail "feed with 100 000 entries: no end within 300 s"
else check "feed with 100 000 entries: clear error" grep -q feed.xml feed.err; fi

finish
