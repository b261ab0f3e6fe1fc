#!/usr/bin/env bash
# Plays a few text-mode sessions as two trainees, writes the trainer's HTML
# report, opens it in headless Chromium and keeps a screenshot in
# target/report/. Fails if the page lacks its three charts or renders blank.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${CARGO_TARGET_DIR:-target}/release/frontline
out=target/report
rm -rf "$out"
mkdir -p "$out"
[ -x "$bin" ] || cargo build --release
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

play() { # trainee scenario seed choices...
  local trainee=$1 scenario=$2 seed=$3
  shift 3
  printf '%s\n' "$@" | "$bin" --data "$data" play --text "$scenario" --seed "$seed" --trainee "$trainee" >/dev/null || true
}
for seed in 1 2 3; do
  play Ada caviar "$seed" 1 1 1 1 1 1 1 1 1 1
  play Ada late_meal "$seed" 2 2 2 2 2 2 2 2 2 2
  play Bob phone "$seed" 1 2 1 2 1 2 1 2 1 2
  play Bob caviar "$seed" 3 3 3 3 3 3 3 3 3 3
done

"$bin" --data "$data" report --html "$out/report.html"
svgs=$(grep -o '<svg' "$out/report.html" | wc -l)
[ "$svgs" -eq 3 ] || { echo "report test failed: $svgs charts, expected 3" >&2; exit 1; }

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$(mktemp -d)" --window-size=1280,2400 --hide-scrollbars \
  --screenshot="$out/report.png" "file://$PWD/$out/report.html" >"$out/chromium.log" 2>&1
colours=$(convert "$out/report.png" -format '%k' info:)
[ "$colours" -gt 50 ] || { echo "report test failed: the page rendered blank ($colours colours)" >&2; exit 1; }
echo "report test passed; page and screenshot in $out/"
