#!/bin/bash
# Bad input: a one-line error naming the input and the problem, a non-zero
# exit, and no output file left behind.
. "$(dirname "$0")/lib.inc"
cd "$TMP"
EX="$BC_SOURCE_DIR/examples/glacier-study.txt"

expect_error() { # NAME PATTERN OUTPUT-FILE COMMAND...
  name=$1 pattern=$2 out=$3; shift 3
  "$@" > stdout.txt 2> stderr.txt
  rc=$?
  if [ "$rc" -eq 0 ]; then fail "$name: exit status 0"; return; fi
  if ! grep -q -- "$pattern" stderr.txt; then fail "$name: stderr was: $(cat stderr.txt)"; return; fi
  if [ "$(grep -c . stderr.txt)" -gt 2 ]; then fail "$name: more than a short error: $(cat stderr.txt)"; return; fi
  if [ -n "$out" ] && ls -A | grep -q "^$out\|^\.$out"; then fail "$name: left $(ls -A | grep "$out")"; return; fi
  pass "$name"
}

: > empty.txt
printf '\x00\x01\x02\x7fELF\x00\x00binary' > blob.bin
head -c 4096 /dev/urandom > random.txt

expect_error "missing file" "nope.txt.*no such file" out.wav "$BRIEFCAST" brief -q nope.txt -o out.wav
expect_error "empty file" "empty.txt.*empty" out.wav "$BRIEFCAST" brief -q empty.txt -o out.wav
expect_error "binary file" "blob.bin.*not a text or HTML" out.wav "$BRIEFCAST" brief -q blob.bin -o out.wav
expect_error "random bytes" "random.txt" out.wav "$BRIEFCAST" brief -q random.txt -o out.wav
mkdir -p adir
expect_error "a folder as article" "adir: is a folder" out.wav "$BRIEFCAST" brief -q adir -o out.wav
expect_error "unknown output extension" "out.xyz.*unknown output extension '.xyz'" out.xyz "$BRIEFCAST" brief -q "$EX" -o out.xyz
expect_error "unknown --format" "unknown format 'aiff2'" out.wav "$BRIEFCAST" brief -q "$EX" --format aiff2 -o out.wav
expect_error "missing output folder" "no/such/dir.*does not exist" "" "$BRIEFCAST" brief -q "$EX" -o no/such/dir/out.wav
touch afile
expect_error "output folder is a file" "afile.*not a writable folder" "" "$BRIEFCAST" brief -q "$EX" -o afile/out.wav
expect_error "no articles" "no articles given" "" "$BRIEFCAST" brief -q -o out.wav
expect_error "unknown command" "unknown command 'brefi'" "" "$BRIEFCAST" brefi
expect_error "bad script" "bad.script: line 1: unknown role 'narator'" out.wav sh -c 'printf "[narator]\nHi\n" > bad.script; "$BRIEFCAST" speak -q bad.script -o out.wav'
expect_error "bad voices folder" "voices" out.wav "$BRIEFCAST" brief -q "$EX" --voices "$TMP" -o out.wav

# One broken article never sinks a briefing: the rest is made, exit 3.
"$BRIEFCAST" brief -q nope.txt "$EX" -o partial.wav 2> partial.err
rc=$?
check "a briefing with one missing source exits 3" test "$rc" -eq 3
check "...and is still written" test -s partial.wav
check "...and names the missing source" grep -q "nope.txt" partial.err

# A failed run leaves an existing file untouched.
echo "previous" > keep.wav
"$BRIEFCAST" brief -q empty.txt -o keep.wav 2>/dev/null
check "a failed run keeps the previous output" grep -q previous keep.wav
check "no temporary files are left" sh -c '! ls -A | grep -q "tmp"'
finish
