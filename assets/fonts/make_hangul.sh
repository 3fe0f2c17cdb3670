#!/bin/sh
# Regenerates ShipshapeHangul.ttf, the Hangul face the GUI and the PDF export
# use (see README.md), from NanumGothic.ttf of Debian's fonts-nanum
# 20200506-1 (`apt-get download fonts-nanum`; pass the path to the
# extracted NanumGothic.ttf). Needs fontTools (`pip install
# fonttools==4.68.0`); the output is byte-identical for the same fontTools
# version and source font.
#
# NanumGothic is 4.6 MB because of its 4,620 Hanja, which Droid Sans
# Fallback already draws; the Hangul syllables and jamo alone are 1.3 MB.
# The OFL forbids a Modified Version to use the Reserved Font Names
# ("Nanum", "NanumGothic"…), so the cut is renamed "Shipshape Hangul"; the
# copyright notice and the licence stay (LICENSE-ShipshapeHangul.txt).
set -eu
src=${1:?usage: make_hangul.sh PATH/TO/NanumGothic.ttf}
cd "$(dirname "$0")"
# Hangul Jamo, Compatibility Jamo, Jamo Extended-A/B and the 11,172
# syllables, plus the space so that a run of Korean keeps its word gaps.
UNICODES="U+0020,U+1100-11FF,U+3130-318F,U+A960-A97F,U+AC00-D7A3,U+D7B0-D7FF"
pyftsubset "$src" --unicodes="$UNICODES" --output-file=ShipshapeHangul.ttf \
    --layout-features='*' --no-hinting --no-glyph-names \
    --drop-tables+=kern,FFTM,gasp,TSI0,TSI1,TSI2,TSI3,TSI5 \
    --name-IDs='*' --name-languages='*' --notdef-outline --recalc-bounds
python3 - <<'PY'
from fontTools.ttLib import TTFont
font = TTFont("ShipshapeHangul.ttf")
names = {1: "Shipshape Hangul", 3: "Shipshape Hangul Regular 2.0",
         4: "Shipshape Hangul", 6: "ShipshapeHangul", 16: "Shipshape Hangul",
         17: "Regular"}
table = font["name"]
for record in list(table.names):
    if record.nameID in names:
        table.setName(names[record.nameID], record.nameID, record.platformID,
                      record.platEncID, record.langID)
# Keep the copyright (0), version (5), licence (13, 14), and say what it is.
table.setName("Hangul of NanumGothic (NAVER Corporation), cut down and renamed "
              "for Shipshape under the SIL Open Font License 1.1", 10, 3, 1, 0x409)
font.save("ShipshapeHangul.ttf")
PY
