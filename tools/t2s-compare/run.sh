#!/usr/bin/env bash
# Measures traditional→simplified conversion of place and person names:
# OpenCC's phrase-based t2s against ICU's character-based Hant-Hans.
# names.tsv: traditional <TAB> expected simplified (names and short phrases
# from party-history writing). Prints the misses and the score of each.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v opencc >/dev/null || { echo "needs opencc (tools/setup installs it)" >&2; exit 1; }
swiftc -O icu.swift -o "$work/icu" 2>/dev/null
cut -f1 names.tsv | opencc -c t2s > "$work/opencc.txt"
cut -f1 names.tsv | "$work/icu" > "$work/icu.txt"
paste names.tsv "$work/opencc.txt" "$work/icu.txt" | awk -F'\t' '
  { opencc += ($2 == $3); icu += ($2 == $4)
    if ($2 != $3 || $2 != $4) printf "%s  expected %s  OpenCC %s  ICU %s\n", $1, $2, $3, $4 }
  END { printf "OpenCC t2s: %d/%d right; ICU Hant-Hans: %d/%d right\n", opencc, NR, icu, NR }'
