#!/bin/sh
# %%ai overhead over direct HTTP to the same Ollama-compatible endpoint (docs/BENCHMARKS.md, section AI).
# Usage: bench/ai-overhead.sh [RUNS] [TOKENS] [REPLAY_MS]   (from the repository root)
# REPLAY_MS: after the first round the server replays the recorded answer at this pace (no model).
set -e
cd "$(dirname "$0")/.."
mvn -q -B -o -pl kernel -am test-compile
mvn -q -B -o -pl kernel dependency:build-classpath -Dmdep.outputFile=target/ai-bench.cp -Dmdep.includeScope=test
java -cp "kernel/target/test-classes:kernel/target/classes:$(cat kernel/target/ai-bench.cp)" \
  dev.hearth.kernel.ai.AiOverheadBenchmark "${1:-30}" "${2:-200}" ${3:+"$3"}
