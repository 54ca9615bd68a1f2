#!/usr/bin/env bash
# The lifecycle engine against its yardsticks, one run, one JVM, one embedded broker.
# Usage: bench/run-lifecycle.sh [--quick] [--parts=abcd, also e and t] [events] [users] [tick-users] [restore-users] [rounds]
#   defaults 200000 20000 1000000 1000000 3 (35-40 minutes on 2 cores with the whole topology: (a, b) about
#   17, (c) about 10, (d) about 9);
#   --quick: 20000 2000 100000 100000 1 (a smoke run of about four minutes).
set -euo pipefail
exec "$(dirname "$0")/build-and-run.sh" LifecycleBenchmark "segmentation-streams schemas" "$@"
