#!/bin/sh
# Regenerates DejaVuSans-Core.ttf and DejaVuSans-Bold-Core.ttf, the cut-down
# DejaVu faces the PDF export embeds when a document needs nothing else
# (see README.md). Needs fontTools (`pip install fonttools==4.68.0`); the
# output is byte-identical for the same fontTools version.
set -eu
cd "$(dirname "$0")"
# Latin (Basic, Latin-1, Extended-A/B, spacing modifiers, combining marks,
# Extended Additional for Vietnamese), Greek, Cyrillic, punctuation,
# super/subscripts, currency, letterlike, number forms, arrows, common maths,
# geometric shapes, the check boxes / warning signs of Miscellaneous Symbols,
# Dingbats (✓ ✗), the f-ligatures and the replacement mark U+FFFD.
UNICODES="U+0020-007E,U+00A0-024F,U+02B0-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,\
U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-214F,U+2150-218F,U+2190-21FF,\
U+2200-2233,U+2248,U+2260-2265,U+226A-226B,U+2282-2287,U+2295-2299,U+22A4-22A5,U+22C0-22C5,\
U+2300-2303,U+2318,U+2325-232B,U+2460-2473,U+25A0-25FF,\
U+2600-2627,U+2639-263C,U+2640-2642,U+2660-266F,U+2690-26A1,U+26AA-26AB,\
U+2700-27BF,U+FB00-FB06,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
    # No hinting, layout or kerning tables: the PDF export positions every
    # glyph itself by its advance, and viewers rasterise unhinted outlines
    # well; dropping them halves the font and what printpdf parses.
    pyftsubset "$face.ttf" --unicodes="$UNICODES" --output-file="$face-Core.ttf" \
        --layout-features='' --no-layout-closure --no-hinting --no-glyph-names \
        --drop-tables+=kern,GSUB,GPOS,GDEF,MATH,FFTM,gasp \
        --name-IDs='*' --name-languages='*' --notdef-outline --recalc-bounds
done
