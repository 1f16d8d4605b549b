#!/usr/bin/env bash
# The main job end to end, on real photos with a real client: starts Lightbox on a fresh
# data directory, signs up the admin, creates an API key, uploads every fixture photo into an
# album with Immich's own command-line uploader (npm package immich@0.41.0), shares the album
# through a link that hides metadata, opens it as a guest, changes it, and prints what the
# guest sees before and after.
#
#   bash scripts/demo.sh [--build debug|release] [--port 2283]
set -euo pipefail
cd "$(dirname "$0")/.."

build=release
port=${LIGHTBOX_DEMO_PORT:-2283}
while (($#)); do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

binary=build/$build/lightbox
if [[ ! -x $binary ]]; then
  bash scripts/install-deps.sh
  cmake --preset "$build" >/dev/null
  cmake --build --preset "$build" --target lightbox
fi
(cd tests/e2e && npm ci --silent --no-audit --no-fund)

work=$(mktemp -d /tmp/lightbox-demo.XXXXXX)
photos=${LIGHTBOX_FIXTURES:-$(cd .. && pwd)/shared/fixtures/photos}
mkdir -p "$work/holiday"
cp "$photos"/*.jpg "$work/holiday/"

"$binary" --data-dir="$work/data" --port="$port" --log-level=warn &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

node scripts/demo.mjs --server "http://127.0.0.1:$port/api" --photos "$work/holiday"

kill -TERM "$server"
wait "$server"
echo "server stopped cleanly"
