#!/usr/bin/env bash
# Renders an evidence pack to PNG in headless Chromium, to look at it (or to attach to a review).
#   jobs/render-evidence-pack.sh [evidence-pack.html] [out.png] [height]
# Default page: target/evidence-pack-sample/evidence-pack.html, written by EvidencePackTest from the
# hand-made src/test/resources/publish/trends-sample.csv. Chromium: apt-get install -y chromium.
# The page has no external references, and the flags below keep Chromium itself off the network.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
page="${1:-$here/target/evidence-pack-sample/evidence-pack.html}"
png="${2:-${page%.html}.png}"
height="${3:-4000}"
chromium_bin="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium_bin" ]; then
  echo "chromium not found: apt-get install -y chromium (or set CHROMIUM=/path/to/chrome)" >&2
  exit 2
fi
[ -f "$page" ] || { echo "no page at $page (run: mvn -q test -Dtest='EvidencePack*')" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$png" --window-size=1280,"$height" "file://$(realpath "$page")" 2>/dev/null
echo "$png"
