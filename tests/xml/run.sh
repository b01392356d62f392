#!/bin/sh
# The archival XML: every report under reports/ and tests/xml/ renders to XML
# that is valid against schemas/closeout-report-2.xsd, reads back without a
# message, and renders again byte for byte; the seed's every sentence is in it.
# XML inputs here are checked as YAML ones are: each NAME.xml must give
# exactly NAME.err and exit status 1, or, if there is a NAME.norm, read
# without a message and be written back as NAME.norm.
# Usage: run.sh CLOSEOUT WORKDIR   (REGEN=1 rewrites the .err and .norm files)
set -u
closeout=$1
work=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
xsd=$top/schemas/closeout-report-2.xsd
mkdir -p "$work"
# Messages name tests/xml/NAME.xml: run from the top, with absolute paths.
case $closeout in /*) ;; *) closeout=$(pwd)/$closeout ;; esac
work=$(cd "$work" && pwd)
cd "$top"
fail=0
n=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }

# A report's figures are files beside it: beside its XML too, for reading back.
[ -d "$top/reports/images" ] && cp -r "$top/reports/images" "$work/"
for yaml in "$top"/reports/*.yaml "$top"/tests/golden/*.yaml; do
	[ -f "$yaml" ] || continue
	name=$(basename "$yaml" .yaml)
	n=$((n + 1))
	x1=$work/$name.xml
	x2=$work/$name.again.xml
	if ! ${VALGRIND:-} "$closeout" -q -t xml check "$yaml" > "$x1"; then
		bad "xml/$name: closeout could not write the XML"
		continue
	fi
	if xmllint --noout --nonet --schema "$xsd" "$x1" 2> "$work/$name.xmllint"; then
		ok "xml/$name: valid against the XSD"
	else
		bad "xml/$name: not valid against the XSD"
		head -5 "$work/$name.xmllint"
	fi
	if ${VALGRIND:-} "$closeout" -t xml check "$x1" > "$x2" 2> "$work/$name.reread" &&
	    [ ! -s "$work/$name.reread" ]; then
		ok "xml/$name: reads back without a message"
	else
		bad "xml/$name: reading the XML back failed"
		head -5 "$work/$name.reread"
	fi
	if cmp -s "$x1" "$x2"; then
		ok "xml/$name: YAML -> XML -> XML is byte-identical"
	else
		bad "xml/$name: the round trip changed the XML"
		diff -u "$x1" "$x2" | head -20
	fi
done
[ $n -gt 0 ] || bad "xml: no reports found"

# Dublin Core and the language are where an archivist looks for them.
seedxml=$work/keski-suomi-jarjestoyhteistyo.xml
if [ -f "$seedxml" ]; then
	if grep -q '<dcterms:title>Järjestöyhteistyö' "$seedxml" &&
	    grep -q '<dcterms:language>fi</dcterms:language>' "$seedxml" &&
	    grep -q 'xml:lang="fi"' "$seedxml" &&
	    grep -q '<dcterms:date>2019-04-26</dcterms:date>' "$seedxml"; then
		ok "xml/seed: Dublin Core title, date and language"
	else
		bad "xml/seed: Dublin Core title, date or language missing"
	fi
	if /usr/bin/python3 "$top/tests/seed/sentences.py" --xml "$seedxml"; then
		ok "xml/seed: every sentence of the seed report is in the XML"
	else
		bad "xml/seed: sentences of the seed report are missing from the XML"
	fi
else
	bad "xml/seed: reports/keski-suomi-jarjestoyhteistyo.yaml gave no XML"
fi

# XML inputs: golden diagnostics (NAME.err) or the XML written back (NAME.norm).
for xml in tests/xml/*.xml; do
	[ -f "$xml" ] || continue
	name=$(basename "$xml" .xml)
	base=tests/xml/$name
	out=$work/input-$name
	if [ -f "$base.norm" ]; then
		n=$((n + 1))
		${VALGRIND:-} "$closeout" -t xml check "$xml" > "$out.norm" 2> "$out.stderr"
		status=$?
		[ "${REGEN:-}" = 1 ] && cp "$out.norm" "$base.norm"
		if [ $status -ne 0 ] || [ -s "$out.stderr" ]; then
			bad "xml/$name: exit status $status, or a message"
			head -5 "$out.stderr"
		elif ! diff -u "$base.norm" "$out.norm" > "$out.diff"; then
			bad "xml/$name: written back differently"
			head -20 "$out.diff"
		elif ! ${VALGRIND:-} "$closeout" -t xml check "$out.norm" 2>&1 | cmp -s - "$out.norm"; then
			bad "xml/$name: what it is written back as does not read back the same"
		else
			ok "xml/$name: read and written back as $name.norm"
		fi
		continue
	fi
	n=$((n + 1))
	rm -f "$out.pdf" "$out.xml"
	${VALGRIND:-} "$closeout" render "$xml" -o "$out.pdf" --xml "$out.xml" 2> "$out.stderr"
	status=$?
	[ "${REGEN:-}" = 1 ] && cp "$out.stderr" "$base.err"
	if [ $status -ne 1 ]; then
		bad "xml/$name: exit status $status, want 1"
		head -5 "$out.stderr"
	elif ! diff -u "$base.err" "$out.stderr" > "$out.diff"; then
		bad "xml/$name: diagnostics differ"
		head -40 "$out.diff"
	elif [ -e "$out.pdf" ] || [ -e "$out.xml" ]; then
		bad "xml/$name: an output file was written"
	else
		ok "xml/$name: refused with the expected diagnostics"
	fi
done

# A broken XML is refused with a message naming its line.
printf '<?xml version="1.0"?>\n<report xmlns="urn:closeout:report:1" version="1" xml:lang="fi">\n<metadata><status>ready</status></metadata>\n</report>\n' > "$work/broken.xml"
if "$closeout" check "$work/broken.xml" 2> "$work/broken.err"; then
	bad "xml/broken: an invalid XML report was accepted"
elif grep -q "broken.xml:[0-9][0-9]*:[0-9][0-9]*: error" "$work/broken.err"; then
	ok "xml/broken: an invalid XML report is refused with file:line:col"
else
	bad "xml/broken: the message has no file:line:col"
	cat "$work/broken.err"
fi
# Past line 65535 (libxml2 keeps 16-bit line numbers unless asked): a mistake
# near the end of a long report is still named at its own line and tag.
if [ -f "$seedxml" ]; then
	awk 'NR == 3 { for (i = 0; i < 70000; i++) print "" } { print }' "$seedxml" |
	    sed 's|<completed>2019-01</completed>|<completed>2019-13</completed>|' > "$work/long.xml"
	want=$(grep -n '<completed>2019-13</completed>' "$work/long.xml" | head -1 | cut -d: -f1)
	col=$(sed -n "${want}p" "$work/long.xml" | awk '{ print index($0, "<completed>") }')
	"$closeout" check "$work/long.xml" 2> "$work/long.err"
	if [ "$want" -gt 65535 ] && grep -q "long.xml:$want:$col: error: .*completed" "$work/long.err"; then
		ok "xml/long: a mistake on line $want is named at $want:$col"
	else
		bad "xml/long: a mistake on line $want is misplaced"
		head -3 "$work/long.err"
	fi
fi
[ $fail -eq 0 ]
