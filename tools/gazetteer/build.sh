#!/usr/bin/env bash
# Regenerate graph/knowledge/gazetteer/divisions.tsv.
#
# Downloads the two pinned, hash-checked wheels (jionlp 1.5.31, cpca 0.5.5) from
# PyPI with a throw-away venv's pip, without their dependencies, and runs
# build_gazetteer.py on them. Nothing is installed outside a temp directory.
# Extra arguments are passed on to build_gazetteer.py (e.g. --verbose).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
cat > "$work/requirements.txt" <<'REQ'
jionlp==1.5.31 --hash=sha256:688ba3793c5c0888b166ae1b11aaf6161db661a162019e77ffcf5951427e528f
cpca==0.5.5 --hash=sha256:1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6
REQ
"$work/venv/bin/python" -m pip download --quiet --disable-pip-version-check \
    --no-deps --only-binary=:all: --require-hashes \
    -r "$work/requirements.txt" -d "$work/wheels"

"$work/venv/bin/python" "$here/build_gazetteer.py" \
    --jionlp-wheel "$work/wheels/jionlp-1.5.31-py2.py3-none-any.whl" \
    --cpca-wheel "$work/wheels/cpca-0.5.5-py3-none-any.whl" \
    --out-dir "$repo/graph/knowledge/gazetteer" \
    "$@"

python3 "$here/check_gazetteer.py" "$repo/graph/knowledge/gazetteer/divisions.tsv"
