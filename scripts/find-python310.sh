#!/usr/bin/env bash
# Print the path of a working Python 3.10 (Rasa 3.6 supports 3.8-3.10 only), or explain what to
# install and exit 1. Looks at $PYTHON310, then PATH, then pyenv's versions, then the system's
# folders ($PYTHON310_SYSTEM_DIRS, by default /usr/local/bin and /usr/bin).
set -u
works() { [ -n "$1" ] && "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }
candidates=("${PYTHON310:-}")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
for p in $(ls -d "$pyenv_root"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -rV); do candidates+=("$p"); done
for dir in ${PYTHON310_SYSTEM_DIRS-/usr/local/bin /usr/bin}; do candidates+=("$dir/python3.10"); done
for c in "${candidates[@]}"; do
  if works "$c"; then echo "$c"; exit 0; fi
done
cat >&2 <<'MSG'
error: no Python 3.10 found.
Rasa 3.6, which this project uses, runs only on Python 3.8-3.10, and this project uses 3.10.
Install one, for example:
    pyenv install 3.10        (then run make again; pyenv's versions are found by themselves)
    apt-get install python3.10 python3.10-venv
or point to one with:  make install PYTHON310=/path/to/python3.10
MSG
exit 1
