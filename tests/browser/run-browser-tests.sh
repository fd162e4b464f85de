#!/usr/bin/env bash
# The browser suite: installs the built kernel into throw-away Jupyter and Hearth directories,
# starts Debian's Notebook 6 on loopback, and drives it with Debian's Chromium through
# playwright-core (test-support/browser) like a person: tests/browser/notebook.test.cjs.
# Screenshots and logs of failures stay in HEARTH_BROWSER_LOG_DIR (default kernel/target/browser-logs).
# Needs: jupyter-notebook python3-notebook chromium fonts-dejavu-core (./test.sh installs them),
# the built jar (mvn package), and `npm ci` in test-support/browser.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${HEARTH_TEST_PYTHON:-/usr/bin/python3}"
logs="${HEARTH_BROWSER_LOG_DIR:-$root/kernel/target/browser-logs}"
chromium="${HEARTH_CHROMIUM:-/usr/bin/chromium}"
if ! "$python" -c "import notebook" 2>/dev/null || [ ! -x "$chromium" ]; then
  echo "run-browser-tests: Notebook 6 or Chromium is missing; ./test.sh installs them" >&2
  exit 1
fi
if [ ! -d "$root/test-support/browser/node_modules/playwright-core" ]; then
  (cd "$root/test-support/browser" && npm ci --no-audit --no-fund --loglevel=error)
fi
rm -rf "$logs" && mkdir -p "$logs"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# Only temporary Jupyter and Hearth directories (PYTHONUSERBASE: jupyter also searches ~/.local).
export JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime" JUPYTER_CONFIG_DIR="$work/config"
export PYTHONUSERBASE="$work/userbase" HEARTH_HOME="$work/hearth-home" HEARTH_BIN_DIR="$work/bin"
export IPYTHONDIR="$work/ipython" PYDEVD_DISABLE_FILE_VALIDATION=1 PATH="/usr/bin:$PATH"
"$root/install-kernel.sh" --user >/dev/null
mkdir -p "$work/notebooks"
port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$("$python" -c 'import secrets; print(secrets.token_hex(16))')"
"$python" -m notebook --no-browser --allow-root --ip=127.0.0.1 --port="$port" --NotebookApp.token="$token" \
  --notebook-dir="$work/notebooks" >"$logs/notebook-server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  if "$python" -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/api/status?token=$token', timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.3
done
HEARTH_NOTEBOOK_URL="http://127.0.0.1:$port" HEARTH_NOTEBOOK_TOKEN="$token" HEARTH_NOTEBOOK_DIR="$work/notebooks" \
  HEARTH_CHROMIUM="$chromium" HEARTH_BROWSER_LOG_DIR="$logs" \
  timeout 600 node "$root/tests/browser/notebook.test.cjs"
