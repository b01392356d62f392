#!/bin/sh
# Prints the SHA-256 of the PDF and XML rendered from every report under
# reports/ and tests/ (those that render), under a fixed SOURCE_DATE_EPOCH:
# a refactor that must not change the output compares two runs of this.
#   sh tools/output-hashes.sh [build/closeout] > before.txt
set -u
cd "$(dirname "$0")/.."
BIN=${1:-build/closeout}
OUT=$(mktemp -d)
export CLOSEOUT_DATADIR="$PWD" SOURCE_DATE_EPOCH=1556236800 LC_ALL=C.UTF-8
find reports tests -name '*.yaml' -o -name '*.xml' | grep -v '/templates/' | sort |
while read -r f; do
	n=$(echo "$f" | tr '/' '_')
	if "$BIN" -q render "$f" -o "$OUT/$n.pdf" --xml "$OUT/$n.out.xml" \
	    > /dev/null 2>&1; then
		for o in "$OUT/$n.pdf" "$OUT/$n.out.xml"; do
			[ -f "$o" ] && echo "$(sha256sum < "$o" | cut -c1-16) $f ${o##*.}"
		done
	fi
done
rm -rf "$OUT"
