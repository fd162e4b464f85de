#!/usr/bin/env bash
# Retrieval quality (top-1, top-5, MRR@5 per mode) and ingest throughput on a real vault
# (see docs/BENCHMARKS.md, section "Memory: retrieval quality").
# Usage: bench/memory-eval.sh [--throughput | --rounds N] [--verbose] [--plain-queries]   (defaults to ../shared/eval and bench/memory/*.tsv)
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL="${HEARTH_EVAL_DIR:-../shared/eval}"
HOMES="${HEARTH_BENCH_HOME:-${TMPDIR:-/tmp}}"   # the collections are kept here between runs
mvn -q -B -pl kernel -am test-compile dependency:build-classpath -DskipJupyterTests=true -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=runtime
CP="kernel/target/classes:api/target/classes:$(cat kernel/target/bench.cp)"
java -Xmx1g -cp "$CP" bench/memory/RetrievalBench.java "$EVAL/dwarves-brain" --home "$HOMES/hearth-retrieval-bench" \
  "$EVAL/questions-dwarves-brain.tsv" bench/memory/questions-dwarves-brain-hard.tsv \
  bench/memory/questions-dwarves-brain-paraphrase.tsv bench/memory/questions-dwarves-brain-heldout2.tsv "$@"
java -Xmx1g -cp "$CP" bench/memory/RetrievalBench.java bench/memory/logseq-graph \
  bench/memory/questions-logseq-graph.tsv --home "$HOMES/hearth-retrieval-bench-logseq" "$@"
