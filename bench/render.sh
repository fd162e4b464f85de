#!/bin/sh
# What the renderers add to showing a result: first chart, later charts, a big table, an int (docs/BENCHMARKS.md, Display).
# Usage: bench/render.sh [RUNS]   (from the repository root)
set -e
cd "$(dirname "$0")/.."
# one reactor run, so the other modules' classes stand in for their (never installed) jars
mvn -q -B -o -pl kernel -am test-compile dependency:build-classpath -Dmdep.outputFile=target/render-bench.cp \
  -Dmdep.includeScope=test
java -cp "kernel/target/test-classes:kernel/target/classes:$(cat kernel/target/render-bench.cp)" \
  dev.hearth.kernel.render.RenderBenchmark "${1:-20}"
