#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when something is missing (idempotent).
# Each line of the table: a command (or file) that proves the package is there, then the package.
set -euo pipefail
cd "$(dirname "$0")/.."

# `--only pkg…`: consider only these packages of the table (npm start: the speech packages).
only=()
if [ "${1:-}" = "--only" ]; then shift; only=("$@"); fi
wanted() {
  [ ${#only[@]} -eq 0 ] && return 0
  local p; for p in "${only[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1
}

needed=()
while read -r probe package; do
  [ -z "${probe:-}" ] && continue
  case "$probe" in \#*) continue ;; esac
  wanted "$package" || continue
  if [[ "$probe" == /* ]]; then
    [ -e "$probe" ] || needed+=("$package")
  else
    command -v "$probe" >/dev/null 2>&1 || needed+=("$package")
  fi
done < scripts/system-packages.txt

if [ ${#needed[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${needed[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
echo "system packages: done"
