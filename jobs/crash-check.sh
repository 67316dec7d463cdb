#!/usr/bin/env bash
# Crash-safety harness, full strength: `csc run` on a tiny synthetic drop in its own JVM, killed with
# SIGKILL at ten seeded random points in a row (re-run after each kill), then allowed to finish; checks
# trends.csv byte-identical to a clean run's, no duplicate silver keys, no half-written file in the out
# folder and no lock left behind. CI runs the same test (CrashSafetyTest) with ten kills and the default seed;
# this script draws other points.
#   jobs/crash-check.sh [KILLS] [SEED]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-10}"
seed="${2:-20261123}"
cd "$here"
exec mvn -B -q test -Dtest=CrashSafetyTest -Dcsc.crash.kills="$kills" -Dcsc.crash.seed="$seed" -Dsurefire.failIfNoSpecifiedTests=false
