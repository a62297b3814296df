#!/usr/bin/env bash
# The Debian packages the tests need besides .venv, installed when missing.
#
#   scripts/install-system-deps.sh               chromium and npm (the browser tests)
#   scripts/install-system-deps.sh PACKAGE...    those of: chromium npm postgresql redis-server
#
# Only what is missing is installed: where nodejs comes from NodeSource it brings its own npm,
# and Debian's npm package would conflict with it. As root with apt-get the packages are
# installed; otherwise the one command to run is printed and the exit code is 1.
# `make browser-deps` (so `make test`) and .ci/run use it. Only shell builtins, `id` and
# `apt-get` are used (tests/scripts/ runs it with stand-ins for those on PATH).
set -euo pipefail

# The command that tells whether a package is installed.
declare -A PROVIDES=(
  [chromium]=chromium
  [npm]=npm
  [postgresql]=pg_ctlcluster
  [redis-server]=redis-server
)

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium npm)

missing=()
for package in "${wanted[@]}"; do
  if [ -z "${PROVIDES[$package]+set}" ]; then
    echo "error: unknown package '$package' (known: ${!PROVIDES[*]})" >&2
    exit 2
  fi
  command -v "${PROVIDES[$package]}" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -gt 0 ] || exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]} (apt-get) ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "The tests need Debian's ${missing[*]}. Install them with:" >&2
echo "    sudo apt-get install -y ${missing[*]}" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "(no apt-get here: install the same packages with this system's package manager)" >&2
fi
exit 1
