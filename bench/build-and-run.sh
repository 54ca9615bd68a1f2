#!/usr/bin/env bash
# What the bench/run-*.sh scripts share: build the benchmarks, name the build being measured (the commit, and the
# local changes in the given directories), then run the benchmark's main class in one JVM.
# Usage: bench/build-and-run.sh <main class> "<directories whose changes matter>" [arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
main="$1"
watched="$2"
shift 2
mvn -B -q -DskipTests -pl bench -am package
echo "build: $(git log -1 --format='%h %s' 2>/dev/null || echo 'not a git checkout')"
# shellcheck disable=SC2086
git status --short $watched 2>/dev/null | sed 's/^/  local change: /' || true
exec java -Xmx2g -cp "bench/target/classes:bench/target/lib/*" "io.userops.bench.$main" "$@"
