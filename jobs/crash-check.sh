#!/usr/bin/env bash
# Crash-safety harness, full strength: `csc run` on a tiny synthetic drop in its own JVM, killed with
# SIGKILL at KILLS (default ten) seeded progress-line boundaries in a row (re-run after each kill), then allowed to
# finish; checks trends.csv byte-identical to a clean run's, no duplicate silver keys, no half-written file in the
# out folder and no lock left behind. This is the stress tier's CrashSafetyTest.tenKilledRunsLeaveNothingHalfDone;
# CI (the quick tier) kills the run once in each of bronze, silver, measures and publish.
#   jobs/crash-check.sh [KILLS] [SEED]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-10}"
seed="${2:-20261123}"
cd "$here"
exec mvn -B -q test -Dtest='CrashSafetyTest#tenKilledRunsLeaveNothingHalfDone' -Dcsc.groups=stress \
  -Dcsc.excludedGroups=benchmark -Dcsc.crash.kills="$kills" -Dcsc.crash.seed="$seed" -Dsurefire.failIfNoSpecifiedTests=false
