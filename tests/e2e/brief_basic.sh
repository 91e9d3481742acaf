#!/bin/bash
# A user makes a briefing from the bundled examples and from the seed article.
. "$(dirname "$0")/lib.inc"
cd "$TMP"
EX="$BC_SOURCE_DIR/examples"
SEED="${BC_SHARED:-$BC_SOURCE_DIR/../shared}/data/seed/rand-paul-moscow.txt"

# --help and --version
check "--version names the tool" sh -c '"$BRIEFCAST" --version | grep -q "^briefcast [0-9]"'
for c in brief script speak analyze normalize voices; do
  check "$c --help exits 0 with usage" sh -c "\"$BRIEFCAST\" $c --help | grep -q Usage"
done

# A WAV briefing: the file is a real, non-silent WAV of plausible length.
"$BRIEFCAST" brief -q "$EX"/*.html "$EX"/*.txt --date 2026-11-27 -o brief.wav
check "brief writes a WAV" test -s brief.wav
check "the WAV is mono, 16-bit, plausible length and not silent" python3 - brief.wav <<'PY'
import sys, wave, array
w = wave.open(sys.argv[1])
assert w.getnchannels() == 1 and w.getsampwidth() == 2, (w.getnchannels(), w.getsampwidth())
secs = w.getnframes() / w.getframerate()
assert 30 < secs < 600, secs
a = array.array('h', w.readframes(w.getnframes()))
rms = (sum(x * x for x in a[::50]) / len(a[::50])) ** 0.5
assert rms > 300, rms
PY

# The script is editable: drop the quotes, speak it, and the audio is shorter.
"$BRIEFCAST" script -q "$SEED" --date 2026-11-27 > seed.script
check "script has a narrator lead with the invitation" grep -q "Rand Paul on Monday invited" seed.script
check "the dateline marker is not read" sh -c '! grep -q "(CNN)" seed.script'
check "quotes are spoken in a quote role with their speaker" grep -Eq '^\[quote .*speaker="?(Rand Paul|Leonid Slutsky|Konstantin Kosachev)' seed.script
check "each quote is introduced by the narrator" python3 - seed.script <<'PY'
import sys
lines = [l for l in open(sys.argv[1]) if l.startswith('[')]
for i, l in enumerate(lines):
    if l.startswith('[quote'):
        assert lines[i - 1].startswith('[narrator'), lines[i - 1]
PY
"$BRIEFCAST" speak -q seed.script -o full.wav
check "the audio's duration matches the script (words at the voices' rates, plus pauses)" python3 - seed.script full.wav <<'PY'
import sys, re, wave
words, pause_ms = 0, 0
for l in open(sys.argv[1]):
    if l.startswith('#'):
        continue
    if l.startswith('['):
        m = re.search(r'pause[= ](\d+)', l)
        pause_ms += int(m.group(1)) if m else 0
    else:
        words += len(re.findall(r"[\w']+", l))
expected = words * 60 / 165 + pause_ms / 1000
w = wave.open(sys.argv[2])
got = w.getnframes() / w.getframerate()
assert 0.6 * expected < got < 1.6 * expected, (expected, got)
PY
python3 - seed.script > noquotes.script <<'PY'
import sys
out, skip = [], False
for l in open(sys.argv[1]):
    if l.startswith('['):
        skip = l.startswith('[quote')
    if not skip:
        out.append(l)
sys.stdout.write(''.join(out))
PY
"$BRIEFCAST" speak -q noquotes.script -o short.wav
check "speak takes the sound options too" "$BRIEFCAST" speak -q noquotes.script --preset broadcast --sample-rate 48000 -o short.flac
check "speak reads a script from stdin" sh -c '"$BRIEFCAST" speak -q - -o stdin.wav < noquotes.script && test -s stdin.wav'
check "dropping quotes in the script makes the audio shorter" python3 - full.wav short.wav <<'PY'
import sys, wave
a, b = (wave.open(f) for f in sys.argv[1:3])
assert b.getnframes() < a.getnframes() * 0.95, (a.getnframes(), b.getnframes())
PY

# Parallel speech gives the same file as one worker.
"$BRIEFCAST" brief -q "$EX"/*.html --date 2026-11-27 --speech-jobs 1 -o one.wav
"$BRIEFCAST" brief -q "$EX"/*.html --date 2026-11-27 --speech-jobs 2 -o two.wav
check "--speech-jobs 2 writes the same audio as --speech-jobs 1" cmp -s one.wav two.wav

# Every format by extension, and --format overriding.
for ext in flac ogg opus mp3; do
  "$BRIEFCAST" brief -q "$EX/glacier-study.txt" -o "g.$ext"
  check "brief writes .$ext" test -s "g.$ext"
done
"$BRIEFCAST" brief -q "$EX/glacier-study.txt" --format flac -o g.audio
check "--format flac writes FLAC whatever the name" sh -c 'head -c 4 g.audio | grep -q fLaC'

# analyze --json: exactly one JSON object per line on stdout.
"$BRIEFCAST" analyze --json "$SEED" "$EX/harbor-bridge.html" > a.jsonl 2> a.err
check "analyze --json prints one JSON object per article" python3 - a.jsonl <<'PY'
import sys, json
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 2
for r in rows:
    for k in ("title", "byline", "published", "site", "language", "text", "quotes", "summary"):
        assert k in r, k
    for q in r["quotes"]:
        t = r["text"].encode()[q["start"]:q["end"]].decode()
        assert q["text"] in t or t in q["text"], (q, t)
    assert r["summary"]["sentences"]
PY
finish
