#!/usr/bin/env bash
# Runs the device's JMH benchmarks (src/test/java, *Benchmark) with the GC profiler.
# Usage: scripts/bench.sh [JMH arguments]; default: the estimator and the whole pipeline, short runs.
#   scripts/bench.sh 'PipelineBenchmark' -prof gc -f 3 -wi 5 -i 10     # a careful run
#   scripts/bench.sh -l                                                # list the benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp install -DskipTests -pl protocol,hardware -am
mvn -q -B -ntp -pl device test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/device/target/bench-classpath.txt" -Dmdep.includeScope=test
cp="device/target/test-classes:device/target/classes:$(cat device/target/bench-classpath.txt)"
if [ $# -eq 0 ]; then
  set -- 'PipelineBenchmark|TiltEstimatorBenchmark' -prof gc -f 1 -wi 3 -i 5
fi
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
