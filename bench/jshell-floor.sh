#!/bin/sh
# JShell's own cost for a trivial cell, without Hearth (docs/BENCHMARKS.md, section Kernel).
# Usage: bench/jshell-floor.sh [EVALS]   (JVM options as the launcher's)
for mode in keep drop; do
  java -XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
    "$(dirname "$0")/jshell/JShellFloor.java" "${1:-1000}" "$mode"
done
