# Sourced by tests/e2e/sources_*.sh: start tests/server/server.py on a free
# port of 127.0.0.1 and stop it when the script exits, whatever happens.
# Sets WORK (a temporary folder), BASE (http://127.0.0.1:PORT) and SERVER_LOG.
set -u
: "${BRIEFCAST:?BRIEFCAST must name the built tool}"
: "${BC_SOURCE_DIR:?}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bc-e2e-XXXXXX")
SERVER_LOG=$WORK/server.log
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -9 "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
  python3 "$BC_SOURCE_DIR/tests/server/server.py" --port-file "$WORK/port" \
    --log "$SERVER_LOG" --lifetime "${SERVER_LIFETIME:-300}" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    [ -s "$WORK/port" ] && break
    sleep 0.1
  done
  [ -s "$WORK/port" ] || { echo "test server did not start"; exit 1; }
  BASE="http://127.0.0.1:$(cat "$WORK/port")"
}

fail() { echo "FAIL: $*"; exit 1; }

# Run the tool with a hard time limit, so a hang fails the test instead of blocking it.
bc() { timeout -k 5 "${BC_TIME_LIMIT:-120}" "$BRIEFCAST" "$@"; }
