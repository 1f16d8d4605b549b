#!/usr/bin/env bash
# Installs what is missing, builds the debug configuration and runs every test suite: unit
# tests, integration tests against the real server on loopback, the realtime suite with real
# Socket.IO clients (tests/e2e), and the end-to-end demo with Immich's own command-line uploader.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset debug >/dev/null
cmake --build --preset debug
ctest --preset debug
(cd tests/e2e && npm ci --silent --no-audit --no-fund && LIGHTBOX_BUILD=debug npm test)
bash scripts/demo.sh --build debug --port "${LIGHTBOX_DEMO_PORT:-22283}"
