#!/usr/bin/env bash
# The benchmarks, one command (see bench/README.md):
#
#   bash bench/run.sh           # HTTP scenarios against Lightbox and the baseline, then fan-out
#   bash bench/run.sh http      # only the HTTP scenarios
#   bash bench/run.sh fanout    # only the Socket.IO fan-out
#
# Installs what is missing (the project's packages, wrk, gnuplot), builds the release preset,
# runs bench/harness.mjs and writes bench/results/latest.{md,json} and the chart. Every server
# it starts listens on 127.0.0.1 only and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-all}"
case "$mode" in
  all | http | fanout) ;;
  *)
    echo "usage: bash bench/run.sh [all|http|fanout]" >&2
    exit 2
    ;;
esac

bash scripts/install-deps.sh
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
if ((${#missing[@]} > 0)); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
  fi
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
fi

cmake --preset release >/dev/null
cmake --build --preset release --parallel "${BENCH_BUILD_JOBS:-2}" \
  --target lightbox bench_baseline_server bench_socket_fanout

# 10,000 subscribers need as many descriptors in the server and in the client.
ulimit -n "$(ulimit -Hn)"
if (($(ulimit -n) < 10100)); then
  echo "warning: only $(ulimit -n) file descriptors; the 10,000-subscriber fan-out will fail" >&2
fi

exec node bench/harness.mjs "$mode"
