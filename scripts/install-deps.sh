#!/usr/bin/env bash
# Installs the Debian 12 packages Lightbox builds, runs and tests with, when missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-test1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev
  libexiv2-dev libssl-dev libcrypt-dev zlib1g-dev
  nodejs npm curl python3
)
if [[ "${LIGHTBOX_WITH_POSTGRES:-0}" == 1 ]]; then
  packages+=(postgresql)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
# Node.js may come from elsewhere than Debian; a working node and npm are enough.
if command -v node >/dev/null && command -v npm >/dev/null; then
  kept=()
  for package in "${missing[@]}"; do
    [[ "$package" == nodejs || "$package" == npm ]] || kept+=("$package")
  done
  missing=("${kept[@]}")
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
