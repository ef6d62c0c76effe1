#!/bin/bash
# The stores `discover` writes with one build, hashed with their createdAt line left out, one line per corpus:
# a check that a change to discovery leaves every store byte for byte the same (run it with the start build and
# with the change, then diff the two outputs).
#   bench/discovery-store-hashes.sh <build folder> <work folder> <corpus file>...
# Each corpus is discovered with the build's compiled CLI (dist/bin/main.js, defaults, --quiet); exit 1 when a
# discover fails.
set -u
if [ $# -lt 3 ]; then
  echo "usage: bench/discovery-store-hashes.sh <build folder> <work folder> <corpus file>..." >&2
  exit 2
fi
build=$1
work=$2
shift 2
mkdir -p "$work"
status=0
n=0
for corpus in "$@"; do
  n=$((n + 1))
  store="$work/store-$n.json"
  if ! node "$build/dist/bin/main.js" discover "$corpus" --out "$store" --quiet >/dev/null 2>"$work/stderr-$n.txt"; then
    echo "FAILED $corpus (stderr in $work/stderr-$n.txt)"
    status=1
    continue
  fi
  hash=$(grep -v '"createdAt"' "$store" | sha256sum | cut -c1-16)
  echo "$hash $(wc -c <"$store") $corpus"
done
exit $status
