#!/usr/bin/env bash
# Installs the Debian packages blendlab builds against, when they are missing. As root it runs
# apt-get; otherwise it prints the command to run.
set -euo pipefail
packages=(libsqlite3-dev pkg-config python3)
[ -f make/packages.txt ] && while read -r p; do [ -n "$p" ] && packages+=("$p"); done < make/packages.txt
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "setup: missing system packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
