#!/usr/bin/env bash
# Installs what is missing, builds a release binary and starts Lightbox on its embedded SQLite
# default at http://127.0.0.1:2283 (settings: config/lightbox.conf; any setting can be
# overridden with --key=value arguments, which this script passes on).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target lightbox
exec ./build/release/lightbox --config=config/lightbox.conf "$@"
