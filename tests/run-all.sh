#!/bin/sh
# Runs every test of closeout: unit tests, golden diagnostics, the archival XML
# (schema, round trip, seed completeness), the editor schema and the PDF checks.
# Prints one line per failure and a summary; exits 1 if anything failed.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
CLOSEOUT=$B/closeout
WORK=$B/test-work
PY=/usr/bin/python3
# Runs under valgrind or another wrapper when VALGRIND is set.
RUN=${VALGRIND:-}
export CLOSEOUT_DATADIR="$PWD" SOURCE_DATE_EPOCH=1556236800 LC_ALL=C.UTF-8
rm -rf "$WORK"
mkdir -p "$WORK"
fail=0

section() { printf '\n== %s\n' "$1"; }
check() { # name, status
	if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "FAIL - $1"; fail=$((fail + 1)); fi
}

section "unit tests"
for t in "$B"/test_*; do
	[ -x "$t" ] || continue
	$RUN "$t" > "$WORK/unit.out" 2>&1
	st=$?
	[ $st -ne 0 ] && cat "$WORK/unit.out"
	check "$(basename "$t")" $st
done

section "golden dumps of the model and the pages (tests/golden)"
sh tests/golden/run.sh "$B/golden_dump" "$WORK/golden" || fail=$((fail + 1))

section "golden diagnostics (tests/errors)"
sh tests/errors/run.sh "$CLOSEOUT" "$WORK/errors" || fail=$((fail + 1))

section "hostile input and faults (tests/hostile)"
sh tests/hostile/run.sh "$CLOSEOUT" "$WORK/hostile" || fail=$((fail + 1))

section "the command line: help, did you mean, completion, man page, install, JSON (tests/cli2)"
sh tests/cli2/run.sh "$CLOSEOUT" "$WORK/cli2" || fail=$((fail + 1))

section "archival XML (tests/xml)"
sh tests/xml/run.sh "$CLOSEOUT" "$WORK/xml" || fail=$((fail + 1))

section "editor schema (schemas/report.schema.json)"
if [ -f tests/schema/run.sh ]; then
	sh tests/schema/run.sh || fail=$((fail + 1))
fi

section "the subcommands new, watch and batch (tests/cli)"
sh tests/cli/run.sh "$CLOSEOUT" "$WORK/cli" || fail=$((fail + 1))

section "PDF (tests/pdf)"
$PY tests/pdf/check_pdf.py "$CLOSEOUT" "$WORK/pdf" || fail=$((fail + 1))

section "prose: lists, quotes, footnotes, figures, cross-references (tests/pdf)"
$PY tests/pdf/check_prose.py "$CLOSEOUT" "$WORK/prose" || fail=$((fail + 1))

section "typesetting real content: cover, header, addresses, -hanke names, tables (tests/pdf)"
$PY tests/pdf/check_typeset.py "$CLOSEOUT" "$WORK/typeset" || fail=$((fail + 1))

section "archival and accessible PDF: PDF/A (Preflight, veraPDF's rules), PDF/UA-1 (tests/pdf)"
$PY tests/pdf/check_archive.py "$CLOSEOUT" "$WORK/archive" || fail=$((fail + 1))

section "word recall: every word of every report in the PDF and the XML (tests/pdf)"
$PY tests/pdf/check_recall.py "$CLOSEOUT" "$WORK/recall" || fail=$((fail + 1))

echo
if [ $fail -ne 0 ]; then
	echo "$fail test group(s) failed"
	exit 1
fi
echo "all tests passed"
