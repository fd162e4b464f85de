#!/bin/sh
# What %maven adds to a cell when the artifacts are already in ~/.m2 (docs/BENCHMARKS.md, section Dependencies).
# Usage: bench/deps-bench.sh [KERNELS] [FIRST_G:A:V] [SECOND_G:A:V]   (from the repository root;
# both artifacts must already be in the local repository: the cells run with --offline)
set -e
cd "$(dirname "$0")/.."
# one invocation: the reactor's own modules resolve to their target/classes only within it
mvn -q -B -o -pl kernel -am test-compile dependency:build-classpath -DskipJupyterTests=true \
  -Dmdep.outputFile=target/deps-bench.cp -Dmdep.includeScope=test -DexcludeGroupIds=dev.hearth,dev.hearth.example
java -cp "kernel/target/test-classes:kernel/target/classes:api/target/classes:api/target/test-classes:$(cat kernel/target/deps-bench.cp)" \
  dev.hearth.kernel.deps.DependenciesBenchmark "$@"
