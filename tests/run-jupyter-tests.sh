#!/usr/bin/env bash
# Installs the built kernel into a throw-away Jupyter data dir and runs the Jupyter-client suites
# (jupyter_kernel_test conformance, nbconvert, console) with Debian's /usr/bin/python3.
# Called by `mvn verify` (kernel module, integration-test phase); runnable alone after `mvn package`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${HEARTH_TEST_PYTHON:-/usr/bin/python3}"
if ! "$python" -c "import jupyter_client, jupyter_kernel_test, nbconvert, jupyter_console" 2>/dev/null; then
  echo "run-jupyter-tests: Debian's Jupyter packages are missing; ./test.sh installs them" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime" JUPYTER_CONFIG_DIR="$work/config"
export HEARTH_HOME="$work/hearth-home" HEARTH_BIN_DIR="$work/bin" PYDEVD_DISABLE_FILE_VALIDATION=1
# jupyter also searches Python's user base (~/.local/share/jupyter) whatever JUPYTER_DATA_DIR says:
# point it into the work dir too, so no test ever finds (or removes) the user's own kernelspec.
export PYTHONUSERBASE="$work/userbase"
export PATH="/usr/bin:$PATH"
"$root/install-kernel.sh" --user >/dev/null
cd "$root"
# HEARTH_JUPYTER_SUITES picks suites (e.g. tests.jupyter.test_recipes for the offline run in tests/privacy/)
suites="${HEARTH_JUPYTER_SUITES:-tests.jupyter.test_conformance tests.jupyter.test_clients tests.jupyter.test_install tests.jupyter.test_recipes}"
# shellcheck disable=SC2086
"$python" -m unittest -v $suites "$@"
