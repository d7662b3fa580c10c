#!/usr/bin/env bash
# Makes the PDF fonts: Noto Sans Regular and Bold (SIL Open Font License 1.1, from Debian's
# fonts-noto-core) subset to Basic Latin, Latin-1, Latin Extended-A/B, the combining marks and
# Latin Extended Additional (all of Vietnamese), plus the punctuation and symbols the report uses.
# The results are committed in public/fonts/; run this only to change the covered characters.
# Needs: apt-get install fonts-noto-core; pip install fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
ranges="U+0020-007E,U+0391-03C9,U+00A0-024F,U+0300-0323,U+1EA0-1EF9,U+2010-2026,U+2030,U+2080-2089,U+20AB,U+2122,U+2190-2193,U+2212,U+2264,U+2265,U+220F,U+00B3,U+00B2"
for weight in Regular Bold; do
  pyftsubset "/usr/share/fonts/truetype/noto/NotoSans-$weight.ttf" \
    --unicodes="$ranges" --layout-features='' --no-hinting --desubroutinize \
    --name-IDs='*' --drop-tables+=GPOS,GSUB,GDEF,DSIG \
    --output-file="public/fonts/NotoSans-$weight-vi.ttf"
done
cp /usr/share/doc/fonts-noto-core/copyright public/fonts/NOTO-LICENSE.txt
ls -l public/fonts
