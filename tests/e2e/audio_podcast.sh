#!/bin/bash
# A user publishes episodes into a podcast folder, interrupts a run half way
# (Ctrl-C, a TERM from a service manager, a crash), and listens to a
# briefing streamed to a player as it is made.
. "$(dirname "$0")/lib.inc"
cd "$TMP"
EX="$BC_SOURCE_DIR/examples"
export XDG_STATE_HOME="$TMP/state"
POD="$TMP/pod"

# The first episode: audio, chapters, transcripts, feed.
"$BRIEFCAST" brief -q "$EX"/*.html "$EX"/*.txt --date 2026-11-26 --title "First briefing" \
  --podcast "$POD" --base-url https://pod.example.com/brief --keep 3
check "the episode is published" test -s "$POD/2026-11-26-first-briefing.mp3"
check "with chapters and transcripts" test -s "$POD/2026-11-26-first-briefing.chapters.json" \
  -a -s "$POD/2026-11-26-first-briefing.vtt" -a -s "$POD/2026-11-26-first-briefing.srt"
check "feed.xml lists it with its enclosure" python3 - "$POD" <<'PY'
import os, sys, xml.etree.ElementTree as ET
pod = sys.argv[1]
it = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
root = ET.parse(os.path.join(pod, "feed.xml")).getroot()
ch = root.find("channel")
for tag in ("title", "description", "language", it + "image", it + "category", it + "explicit"):
    assert ch.find(tag) is not None, tag
items = ch.findall("item")
assert len(items) == 1
enc = items[0].find("enclosure")
assert enc.get("url") == "https://pod.example.com/brief/2026-11-26-first-briefing.mp3"
assert int(enc.get("length")) == os.path.getsize(os.path.join(pod, "2026-11-26-first-briefing.mp3"))
PY

snapshot() { (cd "$POD" && ls -A | sort && md5sum -- * | sort); }
snapshot > before.txt

# Start a second episode and stop it once the audio is being made: speech
# is spooled to an unlinked file while it is synthesized (pass 1), and the
# encoder writes an unnamed file in the folder (pass 3).
interrupt() { # interrupt SIGNAL WHAT-TO-WAIT-FOR NAME
  local sig=$1 pattern=$2 label=$3 pid seen=0 i rc
  "$BRIEFCAST" brief -q "$EX"/*.html "$EX"/*.txt --date 2026-11-27 --title "Second briefing" \
    --rate 90 --podcast "$POD" --base-url https://pod.example.com/brief --keep 3 &
  pid=$!
  for i in $(seq 1 1200); do
    if ls -l /proc/$pid/fd 2>/dev/null | grep -q -- "$pattern"; then seen=1; break; fi
    kill -0 $pid 2>/dev/null || break
    sleep 0.05
  done
  kill -s "$sig" $pid 2>/dev/null
  wait $pid
  rc=$?
  check "$label: the run was caught mid-episode" test "$seen" = 1
  check "$label: it exits with a failure" test "$rc" -ne 0
  snapshot > after.txt
  check "$label: the previous episode and feed are intact, nothing else" cmp -s before.txt after.txt
  check "$label: no temporary files" sh -c "! ls -A '$POD' | grep -q tmp"
}
interrupt INT "briefcast-speech" "SIGINT while speaking"
interrupt TERM "$POD/#" "SIGTERM while encoding"
interrupt KILL "briefcast-speech" "SIGKILL (a crash) while speaking"
interrupt KILL "$POD/#" "SIGKILL (a crash) while encoding"

# Listening now: -o - streams WAV as it is synthesized; the first second of
# audio arrives while the briefing is still being made.
"$BRIEFCAST" brief -q "$EX"/*.html "$EX"/*.txt --rate 90 -o - > stream.wav &
pid=$!
early=0
for i in $(seq 1 1200); do
  size=$(stat -c %s stream.wav 2>/dev/null || echo 0)
  if [ "$size" -gt 88244 ]; then
    kill -0 $pid 2>/dev/null && early=1
    break
  fi
  kill -0 $pid 2>/dev/null || break
  sleep 0.05
done
wait $pid
rc=$?
check "stdout audio starts before the briefing is finished" test "$early" = 1
check "the stream run succeeds" test "$rc" -eq 0
check "the stream is a 44.1 kHz mono 16-bit WAV with speech" python3 - stream.wav <<'PY'
import sys, struct, array
d = open(sys.argv[1], "rb").read()
assert d[:4] == b"RIFF" and d[8:16] == b"WAVEfmt "
fmt, ch, rate, _, _, bits = struct.unpack("<HHIIHH", d[20:36])
assert (fmt, ch, rate, bits) == (1, 1, 44100, 16), (fmt, ch, rate, bits)
assert d[36:40] == b"data"
a = array.array("h", d[44:44 + 2 * 44100 * 20])
rms = (sum(x * x for x in a[::7]) / len(a[::7])) ** 0.5
assert rms > 500, rms
assert len(d) > 44 + 2 * 44100 * 30
PY
"$BRIEFCAST" brief -q "$EX"/*.txt -o - --format raw | head -c 1000000 > raw.pcm
check "raw PCM to a pipe that closes early" test "$(stat -c %s raw.pcm)" -eq 1000000

# The Alexa preset: MP3 at -14 LUFS.
"$BRIEFCAST" brief -q "$EX"/*.txt --preset alexa -o alexa
check "--preset alexa without an extension writes MP3" sh -c 'head -c 3 alexa | grep -q ID3'
finish
