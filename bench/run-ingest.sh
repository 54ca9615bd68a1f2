#!/usr/bin/env bash
# Ingest vs the raw Kafka producer, one run, one embedded broker. Usage: bench/run-ingest.sh [seconds-per-phase] [clients] [warm-up-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl bench -am package
exec java -Xmx2g -cp "bench/target/classes:bench/target/lib/*" io.userops.bench.IngestBenchmark "$@"
