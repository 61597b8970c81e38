#!/usr/bin/env bash
# An S3-compatible server for the media-storage test of the cluster suite: gofakes3 v1.2.0
# (MIT), built with the Go toolchain from the Go module proxy and cached under ~/.cache. The
# suite starts it itself on loopback (scripts/cluster-lib.mjs: startS3).
#   install: build it (a few seconds once the module cache is warm)
set -euo pipefail
VERSION=v1.2.0
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/splitpage-s3"
BIN="$CACHE/gofakes3-$VERSION"

install() {
  if [ -x "$BIN" ]; then echo "gofakes3 $VERSION already built: $BIN"; return; fi
  export PATH="$PATH:/usr/local/go/bin"
  mkdir -p "$CACHE"
  GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install "github.com/johannesboyne/gofakes3/cmd/gofakes3@$VERSION"
  mv "$CACHE/bin/gofakes3" "$BIN"
  echo "gofakes3 $VERSION built: $BIN"
}

case "${1:-}" in
  install) install ;;
  *) echo "usage: $0 install" >&2; exit 2 ;;
esac
