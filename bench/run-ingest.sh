#!/usr/bin/env bash
# Ingest vs the raw Kafka producer, one run, one embedded broker. Usage: bench/run-ingest.sh [seconds-per-phase] [connections, 32] [warm-up-seconds] [rounds of yardstick then /v1/batch, 3]
# Uses wrk (apt-get install wrk) as the load generator when it is installed.
set -euo pipefail
exec "$(dirname "$0")/build-and-run.sh" IngestBenchmark "ingest-service schemas" "$@"
