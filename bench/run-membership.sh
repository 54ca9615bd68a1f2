#!/usr/bin/env bash
# Deciding a user's tags and segments against encoding their stored profile, in one JVM, no Kafka.
# Usage: bench/run-membership.sh [users] [events] [rounds]   (defaults 20000 200000 5; about a minute on 2 cores)
set -euo pipefail
exec "$(dirname "$0")/build-and-run.sh" MembershipBench "segmentation-streams rules" "$@"
