#!/usr/bin/env bash
# Render an HTML report in headless Chromium and save a PNG screenshot: the check that what a
# person sees (Chinese text, charts) looks right. Offline: networking, sync and updates are off.
#
#   scripts/screenshot_html.sh REPORT.html OUT.png [WIDTH,HEIGHT]     (default 1280,2400)
#
# Needs Chromium (Debian/Ubuntu: apt-get install -y chromium; set CHROMIUM=/path to use another).
# Chinese text needs a CJK font on the machine taking the screenshot (e.g. fonts-noto-cjk); the
# report itself names fonts only by family and embeds none.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
report=$1
out=$2
size=${3:-1280,2400}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
  echo "chromium not found: apt-get install -y chromium (or set CHROMIUM)" >&2
  exit 2
fi
if [ ! -f "$report" ]; then
  echo "no such report: $report" >&2
  exit 2
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$out_abs" --window-size="$size" "$url" >/dev/null 2>&1 || true

if [ ! -s "$out_abs" ]; then
  echo "chromium wrote no screenshot to $out" >&2
  exit 1
fi
echo "$out"
