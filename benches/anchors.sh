#!/bin/sh
# Whole-process benchmark of `shipshape export pdf` against the anchors
# (../shared/bench/anchors): copies the anchors folder, generates the 25 /
# 1,000 / 10,000-item inputs, converts them to workbooks, builds the release
# binary and runs benches/anchors.py, then /usr/bin/time -v for peak RSS at
# 10,000 items. The alternatives must be installed first (the anchors'
# setup.sh; typst and reportlab need only `/tmp/anchors-venv`).
#
#   benches/anchors.sh [-t typst,reportlab,lo-ods,pandoc-latex] [-s 25,1000,10000]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=${ANCHORS_SRC:-$ROOT/../shared/bench/anchors}
export ANCHORS=${ANCHORS:-/tmp/anchors}
if [ ! -f "$ANCHORS/inputs/checklist-10000.csv" ]; then
    rm -rf "$ANCHORS" && cp -r "$SRC" "$ANCHORS" && chmod -R u+w "$ANCHORS"
    (cd "$ANCHORS" && python3 gen_inputs.py)
fi
for n in 25 1000 10000; do
    python3 "$ROOT/benches/csv_to_workbook.py" "$ANCHORS/inputs/checklist-$n.csv" "$ANCHORS/checklist-$n.shipshape.ron"
done
(cd "$ROOT" && cargo build --release --bin shipshape)
python3 "$ROOT/benches/anchors.py" --bin "$ROOT/target/release/shipshape" "$@"
echo
echo "peak RSS, /usr/bin/time -v, 10,000 items, report then walkthrough:"
for kind in report walkthrough; do
    /usr/bin/time -v "$ROOT/target/release/shipshape" export pdf "$ANCHORS/checklist-10000.shipshape.ron" \
        -o "/tmp/shipshape-10000-$kind.pdf" --kind "$kind" --as-of 2026-03-10 --paper a4 2>&1 \
        | grep -E "Maximum resident|Elapsed \(wall"
done
