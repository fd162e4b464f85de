#!/usr/bin/env bash
# Runs every Hearth test. Installs what the tests need first, then `mvn verify` on Java 17 (unit,
# kernel-process, Jupyter-client and recipe suites), the browser suite (Notebook 6 in Chromium), the
# privacy check (recipes in a loopback-only network namespace), and the Java suites again on Java 25
# when it is present.
#
#   ./test.sh                 everything
#   HEARTH_TEST_JDK25=0 ./test.sh   skip the second run on Java 25
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

# Debian packages the tests use: the real Jupyter clients, the JDK sources that give Javadoc
# to inspection, and Notebook 6 with Chromium for the browser suite.
packages=(jupyter-client jupyter-console jupyter-nbconvert python3-nbclient python3-nbconvert
          python3-ipykernel python3-jupyter-kernel-test openjdk-17-source strace iproute2
          jupyter-notebook python3-notebook chromium fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}" >&2
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "test.sh: run as root or install: ${missing[*]}" >&2; exit 1; }
    as_root=(sudo)
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# npm-installed test servers (each folder under test-support/ with a package-lock.json).
for dir in test-support/*/; do
  if [ -f "$dir/package-lock.json" ] && [ ! -d "$dir/node_modules" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

# An older Jackson in the local Maven repository: the isolation test loads it into cells, offline,
# beside the kernel's own Jackson (it skips, saying so, when this cannot be fetched).
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:get -Dartifact=com.fasterxml.jackson.core:jackson-databind:2.11.0 \
  || echo "test.sh: Jackson 2.11.0 could not be fetched; the cell isolation test will skip" >&2

mvn -B verify

# A real browser on a real front end: Notebook 6 in Chromium, driven like a person (about a minute).
# Screenshots of failures stay in kernel/target/browser-logs.
tests/browser/run-browser-tests.sh

# Privacy: the recipe suite again in a network namespace with only loopback, under strace; fails on
# any connection attempt to another address. Needs root (unshare -n).
if [ "$(id -u)" -eq 0 ]; then
  tests/privacy/recipes-offline.sh
else
  echo "test.sh: privacy check skipped: it needs root (sudo tests/privacy/recipes-offline.sh)" >&2
fi

jdk25="${HEARTH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ "${HEARTH_TEST_JDK25:-1}" != 0 ] && [ -x "$jdk25/bin/java" ]; then
  echo "test.sh: the Java suites again on $("$jdk25/bin/java" -version 2>&1 | head -1)" >&2
  JAVA_HOME="$jdk25" mvn -B verify -DskipJupyterTests=true
fi
