#!/usr/bin/env bash
# Privacy check: runs the whole recipe suite (tests/jupyter/test_recipes.py, both runners and Chroma)
# in a fresh network namespace whose only interface is loopback, under strace, then fails if any
# process tried to connect() to an address that is not loopback. Needs root (unshare -n) and strace.
# Usage: tests/privacy/recipes-offline.sh [CONNECT_LOG]   (after mvn package; the log is kept when named)
# Found by this check (2026-11-21): the kernel JVM that loads the embedding model tried 169.254.169.254:80
# (DJL's usage tracking, ai.djl.util.Ec2Utils, once a day per DJL cache) unless OPT_OUT_TRACKING=true;
# the memory room now sets it before DJL loads, and the whole suite stays on loopback.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ "$(id -u)" != 0 ]; then
  echo "recipes-offline: needs root for unshare -n (run it with sudo)" >&2
  exit 1
fi
command -v strace >/dev/null || { echo "recipes-offline: strace is missing (apt-get install strace)" >&2; exit 1; }
log="${1:-$(mktemp)}"
seccomp=""
strace --seccomp-bpf -e trace=connect true 2>/dev/null && seccomp="--seccomp-bpf"
# a fresh DJL cache, so a marker left by an earlier run cannot hide DJL's once-a-day usage tracking call
export DJL_CACHE_DIR="$(mktemp -d)"
trap 'rm -rf "$DJL_CACHE_DIR"' EXIT
status=0
unshare --net bash -c '
  set -e
  ip link set lo up
  echo "recipes-offline: interfaces in the namespace: $(ip -o link show | cut -d: -f2 | tr -d " " | tr "\n" " ")" >&2
  exec strace -f -qq '"$seccomp"' -e trace=connect -o "$1" env HEARTH_JUPYTER_SUITES=tests.jupyter.test_recipes "$2/tests/run-jupyter-tests.sh"
' recipes-offline "$log" "$root" || status=$?
/usr/bin/python3 - "$log" <<'PY' || status=1
import ipaddress, re, sys
inet = re.compile(r'sin_addr=inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')
seen, outside = {}, []
for line in open(sys.argv[1], errors="replace"):
    if "connect(" not in line:
        continue
    for v4, v6 in inet.findall(line):
        address = ipaddress.ip_address(v4 or v6)
        mapped = getattr(address, "ipv4_mapped", None) or address
        seen[str(address)] = seen.get(str(address), 0) + 1
        if not mapped.is_loopback and not mapped.is_unspecified:
            outside.append(line.strip())
print(f"recipes-offline: {sum(seen.values())} inet connect() calls, to {sorted(seen)}", file=sys.stderr)
if outside:
    print("recipes-offline: connections outside loopback:\n" + "\n".join(outside[:20]), file=sys.stderr)
    sys.exit(1)
print("recipes-offline: no connection attempt left loopback", file=sys.stderr)
PY
exit "$status"
