#!/bin/sh
# Fuzzes each target for FUZZ_SECONDS (default 180) seconds, starting from a
# corpus seeded with the bundled scenarios, the test fixtures and fuzz/seeds/
# (a records database of one recorded session, page size 512 to keep it small).
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# A crash stops the run and leaves its input in fuzz/artifacts/TARGET/.
# Usage: fuzz/run.sh [TARGET...]   (default: pipeline records)
set -eu
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-180}
mkdir -p corpus/pipeline corpus/records
cp ../scenarios/*.scenario.ron ../crates/*/tests/fixtures/*.scenario.ron corpus/pipeline/
cp seeds/records/* corpus/records/
targets=${*:-pipeline records}
for t in $targets; do
  echo "== $t: $seconds s"
  # Scenarios up to 4 KiB: small enough that a valid one is checked and played
  # at thousands of runs a second; the bundled files, cut there, seed the parser.
  limit=""
  [ "$t" = pipeline ] && limit="-max_len=4096"
  # No sanitizer (the code under test is safe Rust, and this is several times
  # faster); debug assertions on (-a), so an arithmetic overflow is a crash.
  cargo +nightly fuzz run -s none -a "$t" "corpus/$t" -- \
    -max_total_time="$seconds" $limit -print_final_stats=1
done
