#!/usr/bin/env bash
# FerretDB 1.24.2 (MongoDB wire protocol over SQLite) for the MongoDB test run.
#   install: build it with the Go toolchain from the Go module proxy (cached under ~/.cache)
#   start / stop: run it on 127.0.0.1:27017 with a throwaway data folder, telemetry off
set -euo pipefail
VERSION=v1.24.2
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/splitpage-ferretdb"
BIN="$CACHE/ferretdb-$VERSION"
RUN_DIR="${TMPDIR:-/tmp}/splitpage-ferretdb-run"

install() {
  if [ -x "$BIN" ]; then echo "FerretDB $VERSION already built: $BIN"; return; fi
  export PATH="$PATH:/usr/local/go/bin"
  local mod="$CACHE/build"
  rm -rf "$mod" && mkdir -p "$mod" && cd "$mod"
  go mod init splitpage-ferretdb-build >/dev/null 2>&1
  go get -tool "github.com/FerretDB/FerretDB/cmd/ferretdb@$VERSION"
  # The module archive lacks build/version/version.txt, which a release build generates;
  # without it the binary refuses to start. Vendoring gives a writable copy to add it to.
  go mod vendor
  echo "$VERSION" > vendor/github.com/FerretDB/FerretDB/build/version/version.txt
  go build -mod=vendor -o "$BIN" github.com/FerretDB/FerretDB/cmd/ferretdb
  # Not `--version | head -1`: under pipefail, head closing the pipe early kills the binary
  # with SIGPIPE and fails the install (exit 141) although the build worked.
  local version
  version="$("$BIN" --version)"
  echo "${version%%$'\n'*}"
}

start() {
  stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR" && mkdir -p "$RUN_DIR/data" "$RUN_DIR/state"
  "$BIN" --handler=sqlite --sqlite-url="file:$RUN_DIR/data/" --state-dir="$RUN_DIR/state" \
    --listen-addr=127.0.0.1:27017 --debug-addr=- --telemetry=disable --log-level=warn \
    >"$RUN_DIR/ferretdb.log" 2>&1 &
  echo $! >"$RUN_DIR/pid"
  for _ in $(seq 1 50); do
    if (echo >/dev/tcp/127.0.0.1/27017) 2>/dev/null; then echo "FerretDB listening on 127.0.0.1:27017"; return; fi
    sleep 0.2
  done
  echo "FerretDB did not start:" && cat "$RUN_DIR/ferretdb.log" && exit 1
}

stop() {
  if [ -f "$RUN_DIR/pid" ]; then kill "$(cat "$RUN_DIR/pid")" 2>/dev/null || true; rm -f "$RUN_DIR/pid"; fi
}

"${1:?usage: ferretdb.sh install|start|stop}"
