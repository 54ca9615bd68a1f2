#!/usr/bin/env bash
# The lifecycle engine against its yardsticks, one run, one JVM, one embedded broker.
# Usage: bench/run-lifecycle.sh [--quick] [--parts=abcd] [events] [users] [tick-users] [restore-users] [rounds]
#   defaults 200000 20000 1000000 1000000 3 (35-40 minutes on 2 cores with the whole topology: (a, b) about
#   17, (c) about 10, (d) about 9);
#   --quick: 20000 2000 100000 100000 1 (a smoke run of about four minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl bench -am package
# What was measured: the commit, and whether the engine had local changes.
echo "build: $(git log -1 --format='%h %s' 2>/dev/null || echo 'not a git checkout')"
git status --short segmentation-streams schemas 2>/dev/null | sed 's/^/  local change: /' || true
exec java -Xmx2g -cp "bench/target/classes:bench/target/lib/*" io.userops.bench.LifecycleBenchmark "$@"
