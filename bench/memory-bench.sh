#!/usr/bin/env bash
# Memory benchmarks (see docs/BENCHMARKS.md, section "Memory").
# Usage: bench/memory-bench.sh [FILES] [--chroma http://127.0.0.1:PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl kernel -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=runtime
exec java -Xmx1g -cp "kernel/target/classes:api/target/classes:$(cat kernel/target/bench.cp)" bench/memory/MemoryBench.java "$@"
