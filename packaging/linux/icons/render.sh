#!/usr/bin/env bash
# Renders the icon's PNGs for the hicolor theme from the SVGs beside this
# script: shipshape-16.svg (drawn on the 16 px grid) for 16 px, shipshape.svg
# for every other size. The PNGs are committed, so building the .deb needs
# only cargo; run this after changing an SVG. Needs rsvg-convert
# (Debian: librsvg2-bin). Output is byte-identical for the same SVGs and
# rsvg-convert version.
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null ||
  { echo "error: rsvg-convert is needed (apt-get install librsvg2-bin)" >&2; exit 1; }
for size in 16 22 24 32 48 64 128 256 512; do
  svg=shipshape.svg
  [ "$size" = 16 ] && svg=shipshape-16.svg
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert --width "$size" --height "$size" "$svg" \
    --output "hicolor/${size}x${size}/apps/shipshape.png"
done
