#!/usr/bin/env bash
# Prints the size of every shipped file in a trunk dist folder: raw, gzip -9 and brotli -q 11.
# The assessor's app in dist/assessor/ is its own build, reported on its own
# (`scripts/size-report.sh dist/assessor`), not in the widget's.
set -euo pipefail
dir="${1:-dist}"
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0
while IFS= read -r file; do
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  printf '%-48s %10d %10d %10d\n' "${file#"$dir"/}" "$raw" "$gz" "$br"
done < <(find "$dir" -type f -not -path "$dir/assessor/*" \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.json' \) | sort)
printf '%-48s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
