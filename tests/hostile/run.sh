#!/bin/sh
# Hostile input and faults (issue 5).  Part 1 is golden: each NAME.yaml or
# NAME.xml here must give exactly NAME.err on standard error and exit status
# 1 (or NAME.status), within a time limit, and write nothing unless the
# status is 0.  Part 2 makes what cannot be kept as a file (FIFOs, devices,
# big inputs, full disks, signals, locales) and checks the same promises.
# Usage: run.sh CLOSEOUT WORKDIR   (REGEN=1 rewrites the .err files)
set -u
closeout=$1
work=$2
dir=tests/hostile
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
# Some cases run in a folder of their own.
case $closeout in /*) ;; *) closeout=$top/$closeout ;; esac
rm -rf "$work"
mkdir -p "$work"
# Generous: sanitizer builds are slower.  Real runs take well under a second.
limit=${HOSTILE_TIMEOUT:-60}
fail=0
n=0
ok() { n=$((n + 1)); echo "ok - hostile/$1"; }
bad() { n=$((n + 1)); fail=$((fail + 1)); echo "FAIL - hostile/$1"; }
run() { timeout -k 5 "$limit" ${VALGRIND:-} "$closeout" "$@"; }
# No temporary output may be left anywhere we write.
no_tmp() { ! ls -a "$@" 2>/dev/null | grep -q '^\..*\.tmp$'; }
# Nor one of NAME's outputs in DIR (a crash of one case must not fail the next).
no_tmp_of() { ! ls -a "$2" 2>/dev/null | grep -q "^\.$1\..*\.tmp\$"; }

# ---------------------------------------------------------------- part 1
for input in "$dir"/*.yaml "$dir"/*.xml; do
	[ -f "$input" ] || continue
	name=$(basename "$input")
	name=${name%.*}
	out=$work/$name
	want=1
	[ -f "$dir/$name.status" ] && want=$(cat "$dir/$name.status")
	run render "$input" -o "$out.pdf" --xml "$out.xml" 2> "$out.raw"
	status=$?
	# Output names depend on WORKDIR: the .err files say OUT/ instead.
	sed "s|^$work/|OUT/|" "$out.raw" > "$out.stderr"
	[ "${REGEN:-}" = 1 ] && cp "$out.stderr" "$dir/$name.err"
	if [ $status -ne "$want" ]; then
		bad "$name: exit status $status, want $want"
		head -5 "$out.stderr"
	elif ! diff -u "$dir/$name.err" "$out.stderr" > "$out.diff"; then
		bad "$name: diagnostics differ"
		head -40 "$out.diff"
	elif [ "$want" -ne 0 ] && { [ -e "$out.pdf" ] || [ -e "$out.xml" ]; }; then
		bad "$name: an output file was written"
	elif ! no_tmp_of "$name" "$work"; then
		bad "$name: a temporary file was left behind"
	else
		ok "$name"
	fi
done

# ---------------------------------------------------------------- part 2
good=reports/keski-suomi-jarjestoyhteistyo.yaml
w=$work/cases
mkdir -p "$w"

# Expects status $1 and exactly the text $2 on standard error from the rest.
expect() {
	want=$1
	text=$2
	shift 2
	run "$@" > "$w/stdout" 2> "$w/err"
	status=$?
	printf '%s' "$text" > "$w/want"
	[ $status -eq "$want" ] && cmp -s "$w/want" "$w/err"
}
show() { echo "  status $status, stderr:"; sed 's/^/    /' "$w/err" | head -8; }

# Not regular files are refused at once: a FIFO nobody writes to would block
# a plain open(), /dev/zero never ends, a directory is no text.
mkfifo "$w/fifo.yaml"
mkdir "$w/dir.yaml"
ln -s /dev/zero "$w/zero.yaml"
for f in "$w/fifo.yaml" "$w/dir.yaml" /dev/zero "$w/zero.yaml"; do
	if expect 2 "$f:1:1: fatal: not a regular file
" check "$f"; then
		ok "not a regular file: $f"
	else
		bad "not a regular file: $f"
		show
	fi
done

# Size: a 17 MiB file is refused from its size alone (a sparse file, so
# nothing is read).
truncate -s 17M "$w/huge.yaml"
if expect 2 "$w/huge.yaml:1:1: fatal: file too large: 17825792 bytes; the limit is 16 MiB
" check "$w/huge.yaml"; then
	ok "input over 16 MiB"
else
	bad "input over 16 MiB"
	show
fi

# Nodes: a million and more values in a 4 MB file.
{
	printf 'meta: {title: T, project: {name: P}, date: 2019-04-26, language: en}\n'
	printf 'summary:\n  content:\n    - table:\n        rows:\n'
	awk 'BEGIN { for (i = 0; i < 100000; i++) print "          - [a, b, c, d, e, f, g, h, i, j]" }'
} > "$w/nodes.yaml"
run check "$w/nodes.yaml" > /dev/null 2> "$w/err"
status=$?
if [ $status -eq 1 ] && head -1 "$w/err" | grep -q "^$w/nodes.yaml:[0-9]*:[0-9]*: error: too many values: more than 1000000$"; then
	ok "more than 1,000,000 values"
else
	bad "more than 1,000,000 values"
	show
fi

# Model memory: 15 MB of emphasis in paragraphs of 8 KiB (each under the
# paragraph limit) would make 8 million nodes.
{
	printf 'meta: {title: T, project: {name: P}, date: 2019-04-26, language: en}\n'
	printf 'summary: |\n'
	awk 'BEGIN { s = "*a* *b* *c* *d* "; for (i = 0; i < 9; i++) s = s s; for (i = 0; i < 1920; i++) printf "  %s\n\n", s }'
} > "$w/spans.yaml"
if [ "${VALGRIND:-}" ]; then
	ok "model memory bounded (skipped under valgrind)"
elif expect 1 "$w/spans.yaml:1:1: error: too many values: the report needs more than 256 MiB of memory
  meta: {title: T, project: {name: P}, date: 2019-04-26, language: en}
  ^
$w/spans.yaml:1:1: hint: split it, or write less emphasis and fewer links per paragraph
$w/spans.yaml: 1 error, 0 warnings
" check "$w/spans.yaml"; then
	ok "model memory bounded"
else
	bad "model memory bounded"
	show
fi

# Inline syntax in linear time: 4 MB paragraphs of openers without closers
# (each pattern took minutes while every '[' or '*' searched to the end).
for pat in '[a](x ' '*a ' '[[[[' 'a-b@c' 'http://[' '\\*' '**a ' '[a](javascript:x) '; do
	{
		printf 'meta: {title: T, project: {name: P}, date: 2019-04-26, language: en}\n'
		printf 'summary: |\n  '
		awk -v p="$pat" 'BEGIN { s = p; while (length(s) < 4000000) s = s s; print s }'
	} > "$w/inline.yaml"
	if [ "${VALGRIND:-}" ]; then
		break
	elif timeout -k 5 20 "$closeout" -q check "$w/inline.yaml" > /dev/null 2>&1; [ $? -le 1 ]; then
		ok "inline syntax in linear time: '$pat' x 4 MB"
	else
		bad "inline syntax in linear time: '$pat' x 4 MB"
	fi
done

# Markup survives: YAML -> XML -> XML is byte for byte the same, the XML
# holds the text escaped, the model read back from XML is the model read
# from YAML, and the PDF prints the markup as written.
m=$work/markup
if run -q -t xml check "$dir/markup.yaml" > "$m.1.xml" &&
    run -q -t xml check "$m.1.xml" > "$m.2.xml" && cmp -s "$m.1.xml" "$m.2.xml"; then
	ok "markup: YAML -> XML -> XML unchanged"
else
	bad "markup: YAML -> XML -> XML changed"
fi
if grep -q '&lt;b&gt;not bold&lt;/b&gt;, &amp;amp; stays &amp;amp;, ]]&gt; ends no CDATA' "$m.1.xml"; then
	ok "markup: escaped in the XML"
else
	bad "markup: not escaped in the XML"
fi
run -q -t tree check "$dir/markup.yaml" | sed 's/ [0-9]*:[0-9]*//' > "$m.1.tree"
run -q -t tree check "$m.1.xml" | sed 's/ [0-9]*:[0-9]*//' > "$m.2.tree"
if [ -s "$m.1.tree" ] && cmp -s "$m.1.tree" "$m.2.tree"; then
	ok "markup: the same model from YAML and from XML"
else
	bad "markup: the models from YAML and XML differ"
	diff -u "$m.1.tree" "$m.2.tree" | head -20
fi
if pdftotext "$work/markup.pdf" - 2> /dev/null | tr '\n' ' ' > "$m.txt" &&
    grep -qF '<b>not bold</b>, &amp; stays &amp;, ]]> ends no CDATA' "$m.txt" &&
    grep -qF "O'Brien & <Sons>" "$m.txt" && grep -qF '<script>alert(1)</script>' "$m.txt"; then
	ok "markup: printed as written in the PDF"
else
	bad "markup: not printed as written in the PDF"
fi

# Links: only http, https and mailto targets reach the XML and the PDF.
hrefs=$(grep -o 'href="[^"]*"' "$work/links.xml" | grep -cv 'href="\(https\?://\|mailto:\)')
pdflinks=$(qpdf --qdf --object-streams=disable "$work/links.pdf" - 2> /dev/null |
    grep -a '/URI (' | grep -cv '/URI (\(https\?://\|mailto:\)')
if [ "$hrefs" -eq 0 ] && [ "$pdflinks" -eq 0 ] &&
    [ "$(grep -o 'href=' "$work/links.xml" | wc -l)" -eq 6 ]; then
	ok "links: only http, https and mailto become links"
else
	bad "links: other schemes became links ($hrefs in the XML, $pdflinks in the PDF)"
fi

# The logo: only a PNG or SVG of at most 4 MiB inside the report's folder;
# anything else is left out with a warning and the PDF is still written.
lw=$w/logo
mkdir -p "$lw/sub" "$lw/outside"
printf '\211PNG\r\n\032\n' > "$lw/outside/secret.png"
ln -s ../outside/secret.png "$lw/sub/link.png"
mkfifo "$lw/sub/fifo.png"
mkdir "$lw/sub/dir.png"
truncate -s 5M "$lw/sub/big.png"
for logo in ../outside/secret.png "$top/$lw/outside/secret.png" link.png fifo.png \
    dir.png big.png missing.png ../../../../../../etc/passwd; do
	sed "s|^  language: fi|  language: fi\n  logo: \"$logo\"|" "$good" > "$lw/sub/r.yaml"
	run render "$lw/sub/r.yaml" -o "$lw/r.pdf" --xml "$lw/r.xml" > /dev/null 2> "$w/err"
	status=$?
	if [ $status -eq 0 ] && [ -s "$lw/r.pdf" ] &&
	    grep -q "^$lw/sub/r.yaml:[0-9]*:[0-9]*: warning: logo left out: '$logo': [a-zA-Z' 0-9×]*$" "$w/err"; then
		ok "logo '$logo' left out with a warning"
	else
		bad "logo '$logo'"
		show
	fi
done
# A small PNG that claims to be 100000 x 100000 pixels: decoding is bounded.
/usr/bin/python3 -c '
import struct, sys, zlib
def chunk(t, d):
    c = t + d
    return struct.pack(">I", len(d)) + c + struct.pack(">I", zlib.crc32(c))
w = h = 100000
ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
idat = zlib.compress(b"\0" * (1 << 20), 9)
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
' > "$lw/sub/bomb.png"
sed "s|^  language: fi|  language: fi\n  logo: bomb.png|" "$good" > "$lw/sub/r.yaml"
if /usr/bin/time -f %M -o "$w/rss" timeout -k 5 "$limit" ${VALGRIND:-} "$closeout" render \
    "$lw/sub/r.yaml" -o "$lw/r.pdf" --xml "$lw/r.xml" > /dev/null 2> "$w/err" &&
    [ "$(cat "$w/rss")" -lt 1000000 ]; then
	ok "logo: a PNG of 100000 x 100000 pixels is not decoded ($(cat "$w/rss") KB at most)"
else
	bad "logo: a PNG of 100000 x 100000 pixels"
	cat "$w/err"
fi

# A truncated PNG logo is left out with a warning that says so at its line.
head -c 60 "$lw/sub/bomb.png" > "$lw/sub/cut.png"
/usr/bin/python3 -c '
import struct, sys, zlib
def chunk(t, d):
    c = t + d
    return struct.pack(">I", len(d)) + c + struct.pack(">I", zlib.crc32(c))
ihdr = struct.pack(">IIBBBBB", 40, 20, 8, 2, 0, 0, 0)
idat = zlib.compress(b"\0" * 2000, 9)
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat[:len(idat) // 2]))
' > "$lw/sub/cut.png"
sed "s|^  language: fi|  language: fi\n  logo: cut.png|" "$good" > "$lw/sub/r.yaml"
run render "$lw/sub/r.yaml" -o "$lw/r.pdf" --xml "$lw/r.xml" > /dev/null 2> "$w/err"
if [ $? -eq 0 ] && grep -q "^$lw/sub/r.yaml:[0-9]*:[0-9]*: warning: logo left out: 'cut.png': it does not decode" "$w/err"; then
	ok "logo: a truncated PNG is left out with a warning at its line"
else
	bad "logo: a truncated PNG"
	cat "$w/err"
fi

# An SVG of 2.6 KB whose nested <use> would draw 100 million shapes, and
# one whose <use> refer to each other: counted with libxml2 and left out
# with a warning before librsvg draws them (it took 2.2 s and 440 MB).
/usr/bin/python3 -c '
import sys
p = ["<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"100\" height=\"100\"><defs><rect id=\"l0\" width=\"1\" height=\"1\"/>"]
for i in range(1, 9):
    p.append("<g id=\"l%d\">" % i + "".join("<use xlink:href=\"#l%d\" x=\"%d\"/>" % (i - 1, j) for j in range(10)) + "</g>")
p.append("</defs><use xlink:href=\"#l8\"/></svg>")
sys.stdout.write("".join(p))
' > "$lw/sub/uses.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="9" height="9"><g id="a"><use xlink:href="#b"/></g><g id="b"><use href="#a"/></g></svg>' > "$lw/sub/cycle.svg"
for svg in "uses.svg:it draws more than 200000 shapes" "cycle.svg:it refers to itself"; do
	f=${svg%%:*}
	sed "s|^  language: fi|  language: fi\n  logo: $f|" "$good" > "$lw/sub/r.yaml"
	if /usr/bin/time -f %M -o "$w/rss" timeout -k 5 "$limit" ${VALGRIND:-} "$closeout" render \
	    "$lw/sub/r.yaml" -o "$lw/r.pdf" --xml "$lw/r.xml" > /dev/null 2> "$w/err" &&
	    grep -q "^$lw/sub/r.yaml:[0-9]*:[0-9]*: warning: logo left out: '$f': ${svg#*:}" "$w/err" &&
	    [ "$(cat "$w/rss")" -lt 150000 ]; then
		ok "logo: $f is counted and left out before librsvg draws it ($(cat "$w/rss") KB)"
	else
		bad "logo: $f"
		cat "$w/err"
	fi
done

# A table of 65 columns is laid out, every cell of it in the PDF, with a
# warning at its line (it was dropped without a word when layout had room
# for 64 columns).
/usr/bin/python3 -c '
cols = ", ".join("c%d" % i for i in range(1, 66))
row = ", ".join("v%d" % i for i in range(1, 66))
print("meta:\n  title: Wide\n  project: {name: T}\n  date: 2024-01-01\n  language: en\n"
      "sections:\n  - title: Wide\n    content:\n      - table:\n"
      "          columns: [%s]\n          rows:\n            - [%s]" % (cols, row))
' > "$w/wide.yaml"
run render "$w/wide.yaml" -o "$w/wide.pdf" --xml "$w/wide.xml" > /dev/null 2> "$w/err"
status=$?
# A cell's lines are parted by " / " in the dump: "c / 1" is the cell "c1".
found=$(run -t layout check "$w/wide.yaml" 2>/dev/null | sed 's| / ||g' |
    grep -c '^ *text .* "[cv][0-9]*"$')
if [ $status -eq 0 ] && [ "$found" -eq 130 ] &&
    grep -q "^$w/wide.yaml:10:[0-9]*: warning: table too wide: its 65 columns" "$w/err"; then
	ok "a table of 65 columns: all 130 cells laid out, and a warning at its line"
else
	bad "a table of 65 columns: status $status, $found of 130 cells"
	cat "$w/err"
fi

# Empty sections, however written (~, "", [], {}), get a warning each and
# neither a heading nor a number: the next section is number 1.
printf 'meta:\n  title: T\n  project: {name: T}\n  date: 2024-01-01\n  language: en\nsummary: ~\nrisks: []\nimplementation: {}\ndocumentation: ""\nsections:\n  - title: Real section\n    text: Something.\n' > "$w/empty.yaml"
run render "$w/empty.yaml" -o "$w/empty.pdf" --xml "$w/empty.xml" > /dev/null 2> "$w/err"
status=$?
if [ $status -eq 0 ] && [ "$(grep -c 'warning: empty section:' "$w/err")" -eq 4 ] &&
    pdftotext "$w/empty.pdf" - | grep -q '^1 *Real section' &&
    ! pdftotext "$w/empty.pdf" - | grep -qi '^[0-9]* *\(summary\|risks\|implementation\|documentation\)$'; then
	ok "empty sections: four warnings, no bare headings, the next section is 1"
else
	bad "empty sections (status $status)"
	cat "$w/err"
fi

# The same written as "text: ~", "text: ''", an empty subsection and an
# empty abstract (empty-section-text.yaml, rendered in part 1): no heading
# of theirs in the PDF, and in the XML their titles but no numbers.
es=$work/empty-section-text
if pdftotext "$es.pdf" - 2> /dev/null > "$w/es.txt" && grep -q '^2 *Real section$' "$w/es.txt" &&
    ! grep -qi 'summary\|sammandrag\|scope of work\|lessons learned\|proposals\|empty own' "$w/es.txt" &&
    [ "$(grep -c '<section[^>]* number=' "$es.xml")" -eq 2 ]; then
	ok "empty sections written as 'text: ~': no headings, no numbers"
else
	bad "empty sections written as 'text: ~'"
	head -20 "$w/es.txt"
fi

# Normal form C: a report typed in NFD (a + U+0308, as macOS may save it)
# gives the text, the line breaks and hyphenation, and the XML of the same
# report in NFC, in the PDF and the XML; no combining mark is left.
/usr/bin/python3 - "$w" <<'EOF'
import sys, unicodedata as u
src = """meta:
  title: Järjestöyhteistyön loppuraportti
  project: {name: Yhteistyöhanke}
  date: 2019-04-26
  language: fi
  keywords: [yhteistyö, järjestöt]
summary: |
  Hankkeessa kehitettiin järjestöjen yhteistyötä ja yhteisiä käytäntöjä.
  Yhteiskunnallisessa työllisyydenhoidossa käytettävät menettelytavat ovat
  yhteensovitettavia, ja järjestötoimijoiden pitkäjänteinen yhteistyö jatkuu
  kehittämispäätösten jälkeen. Ääkköset, Åland ja Göteborg.
sections:
  - title: Tärkeät päätökset
    content:
      - table:
          columns: [Päätös, Määrä]
          rows:
            - [Yhteistyösopimusten allekirjoittaminen, "3"]
"""
open(sys.argv[1] + "/nfc.yaml", "w").write(u.normalize("NFC", src))
open(sys.argv[1] + "/nfd.yaml", "w").write(u.normalize("NFD", src))
EOF
for f in nfc nfd; do
	run -q render "$w/$f.yaml" -o "$w/$f.pdf" --xml "$w/$f.xml" > /dev/null 2>&1
	pdftotext "$w/$f.pdf" "$w/$f.txt" 2> /dev/null
done
if [ -s "$w/nfc.txt" ] && cmp -s "$w/nfc.txt" "$w/nfd.txt" && cmp -s "$w/nfc.xml" "$w/nfd.xml" &&
    ! grep -q "$(printf '\314\210')" "$w/nfd.txt" "$w/nfd.xml" &&
    run -q -t tree check "$w/nfd.xml" | grep -q 'Järjestöyhteistyön'; then
	ok "NFD input: the same PDF text and XML as NFC"
else
	bad "NFD input: the PDF text or the XML differ from NFC"
	diff "$w/nfc.txt" "$w/nfd.txt" | head -10
fi

# Line breaks in one-line fields (LS, PS, NEL, "\n", a tab) are spaces: the
# title on the cover, the contents line, the heading and the bookmark each
# read as one line.
printf 'meta:\n  title: "Final\\Lreport\\Pof X"\n  project: {name: P}\n  date: 2019-04-26\n  language: en\nsections:\n  - title: "Work\\Lpackage\\Nresults"\n    text: y\n  - title: "Risks\\Pand\\nopen\\tissues"\n    text: z\n' > "$w/ls.yaml"
run -q render "$w/ls.yaml" -o "$w/ls.pdf" --xml "$w/ls.xml" > /dev/null 2>&1
pdftotext -layout "$w/ls.pdf" - 2> /dev/null | sed 's/  */ /g; s/^ //' > "$w/ls.txt"
if grep -q '^Final report of X$' "$w/ls.txt" && grep -q '^1 Work package results 3$' "$w/ls.txt" &&
    grep -q '^2 Risks and open issues 3$' "$w/ls.txt" && grep -q '^1 Work package results$' "$w/ls.txt" &&
    qpdf --json "$w/ls.pdf" 2> /dev/null | grep -q '"/Title": "u:1 Work package results"' &&
    qpdf --json "$w/ls.pdf" 2> /dev/null | grep -q '"/Title": "u:2 Risks and open issues"' &&
    grep -q '<title>Work package results</title>' "$w/ls.xml"; then
	ok "line separators in titles: one line each in the PDF, its contents and bookmarks"
else
	bad "line separators in titles"
	grep -i 'work\|risks\|final' "$w/ls.txt" | head
fi

# libxml2's limits in our words, without its advice about parser options:
# a text node of 10 MB in many runs, and one of 10 MB in one run.
for kind in node run; do
	/usr/bin/python3 - "$w/huge-$kind.xml" "$kind" <<'EOF'
import sys
text = ("a" * 100 + "&amp;") * 100000 if sys.argv[2] == "node" else "a" * 10000001
sys.stdout = open(sys.argv[1], "w")
print('<?xml version="1.0" encoding="UTF-8"?>\n<report xmlns="urn:closeout:report:2" '
      'xmlns:dcterms="http://purl.org/dc/terms/" version="2" xml:lang="en">\n<metadata>\n'
      '<dcterms:title>T</dcterms:title>\n<dcterms:date>2019-04-26</dcterms:date>\n'
      '<dcterms:language>en</dcterms:language>\n<dcterms:rights>public</dcterms:rights>\n'
      '<project>P</project>\n<status>draft</status>\n</metadata>\n<body>\n'
      '<section role="summary" number="1">\n<title>Summary</title>\n<p>' + text +
      '</p>\n</section>\n</body>\n</report>')
EOF
	run check "$w/huge-$kind.xml" > /dev/null 2> "$w/err"
	status=$?
	if [ $status -eq 1 ] && head -1 "$w/err" | grep -q \
	    "^$w/huge-$kind.xml:14:[0-9]*: error: limit reached: a text \(or a tag \)\?longer than 10,000,000 bytes$" &&
	    ! grep -q 'XML_PARSE\|internal error' "$w/err" && [ "$(grep -c 'error:' "$w/err")" -eq 1 ]; then
		ok "XML: a text of 10 MB ($kind) is a limit, in our words"
	else
		bad "XML: a text of 10 MB ($kind)"
		show
	fi
done

# Outputs: never the input, never the same file twice, never a device, a
# directory or a FIFO.
ow=$w/out
mkdir -p "$ow"
cp "$good" "$ow/r.yaml"
cp "$good" "$ow/keep.yaml"
ln -s r.yaml "$ow/link.yaml"
ln "$ow/r.yaml" "$ow/hard.yaml"
mkfifo "$ow/fifo.pdf"
mkdir "$ow/dir.pdf"
for args in "-o $ow/r.yaml" "--xml $ow/r.yaml" "-o $ow/link.yaml" "--xml $ow/hard.yaml"; do
	# shellcheck disable=SC2086
	run render "$ow/r.yaml" $args > /dev/null 2> "$w/err"
	status=$?
	if [ $status -eq 2 ] && grep -q "refusing to overwrite the input" "$w/err" &&
	    cmp -s "$ow/r.yaml" "$ow/keep.yaml" && no_tmp "$ow"; then
		ok "output onto the input refused ($args)"
	else
		bad "output onto the input ($args)"
		show
	fi
done
if expect 2 "closeout: $ow/same.pdf: the PDF and the XML cannot be the same file
" render "$ow/r.yaml" -o "$ow/same.pdf" --xml "$ow/./same.pdf"; then
	ok "PDF and XML onto one file refused"
else
	bad "PDF and XML onto one file"
	show
fi
for target in /dev/null /dev/full "$ow/fifo.pdf" "$ow/dir.pdf"; do
	if expect 2 "closeout: $target: not a regular file; refusing to replace it
" render "$ow/r.yaml" -o "$target" --xml "$ow/r.xml" && [ ! -e "$ow/r.xml" ] &&
	    no_tmp "$ow" /dev; then
		ok "output $target refused"
	else
		bad "output $target"
		show
	fi
done
[ -c /dev/null ] && [ -c /dev/full ] || bad "a device was replaced"
# Standard output that cannot take the dump is an error, not success.
if [ -w /dev/full ]; then
	run -t xml check "$ow/r.yaml" > /dev/full 2> "$w/err"
	status=$?
	if [ $status -eq 2 ] &&
	    [ "$(cat "$w/err")" = "closeout: standard output: No space left on device" ]; then
		ok "dump to a full standard output fails"
	else
		bad "dump to a full standard output"
		show
	fi
fi

# One paragraph of 1 MB: refused at its line (it would cost more than twice
# per page what the same text in paragraphs costs), at once.
{
	printf 'meta: {title: T, project: {name: P}, date: 2019-04-26, language: en}\n'
	printf 'summary: |\n  '
	awk 'BEGIN { for (i = 0; i < 100000; i++) printf "word%d ", i % 97; print "" }'
} > "$w/para.yaml"
run render "$w/para.yaml" -o "$w/para.pdf" --xml "$w/para.xml" > /dev/null 2> "$w/err"
status=$?
if [ $status -eq 1 ] && head -1 "$w/err" | grep -q "^$w/para.yaml:3:3: error: paragraph too long: [0-9]* bytes of text in one paragraph; the limit is 16384 (16 KiB)$" &&
    [ ! -e "$w/para.pdf" ]; then
	ok "a paragraph over 16 KiB is refused at its line"
else
	bad "a paragraph over 16 KiB is refused at its line"
	show
fi

# "[^" with its "]" on the next line: cmark-gfm 0.29 dropped what was
# between them (and cut "―" in two): the text is printed as written.
printf 'meta: {title: T, project: {name: P}, date: 2019-04-26, language: en}\nsummary: |\n  A mark [^not a\n  note, www.i\342\200\225;] over two lines.\n' > "$w/mark.yaml"
run -q render "$w/mark.yaml" -o "$w/mark.pdf" --xml "$w/mark.xml" > /dev/null 2> "$w/err"
status=$?
if [ $status -eq 0 ] && pdftotext "$w/mark.pdf" - | tr '\n' ' ' | grep -q 'A mark \[^not a note, www.i―;\] over two lines' &&
    grep -q 'A mark \[^not a note, www.i―;\] over two lines' "$w/mark.xml"; then
	ok "a '[^' closed on the next line is printed whole"
else
	bad "a '[^' closed on the next line is printed whole (status $status)"
	show
fi

# A failing run leaves earlier outputs as they were and no temporary file.
run -q render "$good" -o "$ow/good.pdf" --xml "$ow/good.xml" > /dev/null 2>&1
cp "$ow/good.pdf" "$ow/good.pdf.orig"
cp "$ow/good.xml" "$ow/good.xml.orig"
keep() { cmp -s "$ow/good.pdf" "$ow/good.pdf.orig" && cmp -s "$ow/good.xml" "$ow/good.xml.orig" && no_tmp "$ow"; }
run render "$dir/duplicate-key.yaml" -o "$ow/good.pdf" --xml "$ow/good.xml" > /dev/null 2>&1
if [ $? -eq 1 ] && keep; then
	ok "a report with errors leaves earlier outputs alone"
else
	bad "a report with errors changed earlier outputs"
fi

# A full disk: a 64 KiB tmpfs (root only), then a disk that only the XML
# does not fit on.  Nothing earlier is replaced, nothing is left behind.
tiny=$w/tiny
mkdir -p "$tiny"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs "$tiny" 2> /dev/null; then
	echo old-pdf > "$tiny/r.pdf"
	echo old-xml > "$tiny/r.xml"
	run -q render "$good" -o "$tiny/r.pdf" --xml "$tiny/r.xml" > /dev/null 2> "$w/err"
	status=$?
	if [ $status -eq 2 ] && grep -q "No space left on device\|error while writing" "$w/err" &&
	    [ "$(cat "$tiny/r.pdf")" = old-pdf ] && [ "$(cat "$tiny/r.xml")" = old-xml ] &&
	    no_tmp "$tiny"; then
		ok "full disk: earlier outputs kept, no temporary file"
	else
		bad "full disk"
		show
		ls -la "$tiny"
	fi
	# Fill it so that only a few KiB remain: the XML fails, so the PDF
	# (on another disk) must not be replaced either.
	dd if=/dev/zero of="$tiny/fill" bs=1k count=60 2> /dev/null
	run -q render "$good" -o "$ow/good.pdf" --xml "$tiny/r.xml" > /dev/null 2> "$w/err"
	status=$?
	if [ $status -eq 2 ] && grep -q "No space left on device" "$w/err" && keep &&
	    [ "$(cat "$tiny/r.xml")" = old-xml ] && no_tmp "$tiny"; then
		ok "full disk for the XML: the PDF is not replaced either"
	else
		bad "full disk for the XML"
		show
	fi
	umount "$tiny"
else
	echo "ok - hostile/full disk # SKIP needs root and tmpfs"
fi

# Signals: the report is the seed's summary 600 times
# over (300 pages), so that each phase lasts long enough to be caught.
big=$w/big.yaml
sed -n '/^summary:/,/^[a-z]/p' "$good" | sed '1d;$d' | sed 's/^/    /' > "$w/copy.txt"
{
	sed -n '/^meta:/,/^[a-z]/p' "$good" | sed '$d'
	printf 'sections:\n'
	i=0
	while [ $i -lt 600 ]; do
		printf '  - title: Copy %d\n    text: |\n' $i
		cat "$w/copy.txt"
		i=$((i + 1))
	done
} > "$big"
# Outputs are files with no name until complete (O_TMPFILE): /proc shows
# them as "DIR/#inode (deleted)".  Each signal, SIGKILL too, once that file
# is open: earlier outputs stay and nothing is left.
unnamed_open() { ls -l "/proc/$1/fd" 2> /dev/null | grep -q " -> $(realpath "$ow")/#[0-9]* (deleted)$"; }
for sig in TERM INT QUIT HUP KILL; do
	${VALGRIND:-} "$closeout" -q render "$big" -o "$ow/good.pdf" --xml "$ow/good.xml" \
	    > /dev/null 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 3000 ] && ! unnamed_open $pid; do
		sleep 0.01
		i=$((i + 1))
	done
	sleep 0.2
	kill -s "$sig" $pid 2> /dev/null
	{ wait $pid; } 2> /dev/null
	status=$?
	if [ $i -lt 3000 ] && [ $status -gt 128 ] && keep; then
		ok "SIG$sig during a render: earlier outputs kept, no temporary file"
	else
		bad "SIG$sig during a render (status $status, waited $i)"
		ls -la "$ow"
	fi
done

# An output that cannot be made is refused before any work: before the
# report is even read (its errors are not reached).
if expect 2 "closeout: $ow/missing/r.pdf: cannot create a file there: the folder does not exist
" render "$dir/duplicate-key.yaml" -o "$ow/missing/r.pdf" --xml "$ow/r.xml" &&
    [ ! -e "$ow/r.xml" ]; then
	ok "an output in a missing folder is refused before any work"
else
	bad "an output in a missing folder is refused before any work"
	show
fi

# -o - streams the PDF to standard output (and no file named "-", no XML
# beside the report unless asked); --xml - the XML; not both.
sw=$w/stream
mkdir -p "$sw"
cp "$good" "$sw/r.yaml"
( cd "$sw" && run -q render r.yaml -o - > out.pdf 2> err )
status=$?
if [ $status -eq 0 ] && [ ! -e "$sw/-" ] && [ ! -e "$sw/r.xml" ] && [ ! -e "$sw/r.pdf" ] &&
    pdfinfo "$sw/out.pdf" > /dev/null 2>&1 && [ ! -s "$sw/err" ] && no_tmp "$sw"; then
	ok "-o - writes the PDF to standard output"
else
	bad "-o - writes the PDF to standard output (status $status)"
	ls -la "$sw"
fi
( cd "$sw" && run -q render r.yaml -o r.pdf --xml - > out.xml 2> err )
status=$?
if [ $status -eq 0 ] && [ ! -e "$sw/-" ] && pdfinfo "$sw/r.pdf" > /dev/null 2>&1 &&
    xmllint --noout --schema "$top/schemas/closeout-report-2.xsd" "$sw/out.xml" 2> /dev/null; then
	ok "--xml - writes the XML to standard output"
else
	bad "--xml - writes the XML to standard output (status $status)"
	cat "$sw/err"
fi
if expect 2 "closeout: the PDF and the XML cannot both go to standard output
" render "$good" -o - --xml -; then
	ok "-o - and --xml - together are refused"
else
	bad "-o - and --xml - together are refused"
	show
fi
# Into a pipe closed early: quiet, not a success, nothing left.
rm -f "$sw/out.pdf" "$sw/out.xml"
( cd "$sw" && { run -q render r.yaml -o - 2> err; echo $? > status; } | head -c 10 > /dev/null )
status=$(cat "$sw/status")
if [ "$status" -ne 0 ] && [ ! -s "$sw/err" ] && [ ! -e "$sw/-" ] && no_tmp "$sw" &&
    [ "$(ls "$sw" | sort | tr '\n' ' ')" = "err r.pdf r.yaml status " ]; then
	ok "-o - into a closed pipe: quiet, status $status, nothing left"
else
	bad "-o - into a closed pipe (status $status)"
	cat "$sw/err"
	ls -la "$sw"
fi

# Reproducible: with SOURCE_DATE_EPOCH the same bytes whatever the time
# zone and locale; the date in the PDF is the epoch's.
fi_locale=C.UTF-8
locale -a 2> /dev/null | grep -qi '^fi_FI\.utf-\?8$' && fi_locale=fi_FI.UTF-8
[ $fi_locale = C.UTF-8 ] && echo "# fi_FI.UTF-8 is not installed: the locale varies less"
SOURCE_DATE_EPOCH=1556236800 TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    run -q render "$good" -o "$w/a.pdf" --xml "$w/a.xml" > /dev/null 2>&1
SOURCE_DATE_EPOCH=1556236800 TZ=Pacific/Kiritimati LANG=$fi_locale LC_ALL=$fi_locale \
    run -q render "$good" -o "$w/b.pdf" --xml "$w/b.xml" > /dev/null 2>&1
SOURCE_DATE_EPOCH=1556236800 TZ=America/St_Johns LANG=sv_SE.UTF-8 LC_ALL= LC_TIME=$fi_locale \
    run -q render "$good" -o "$w/c.pdf" --xml "$w/c.xml" > /dev/null 2>&1
if [ -s "$w/a.pdf" ] && cmp -s "$w/a.pdf" "$w/b.pdf" && cmp -s "$w/a.pdf" "$w/c.pdf" &&
    [ -s "$w/a.xml" ] && cmp -s "$w/a.xml" "$w/b.xml" && cmp -s "$w/a.xml" "$w/c.xml"; then
	ok "SOURCE_DATE_EPOCH: byte-identical PDF and XML across TZ, LANG and LC_ALL ($fi_locale)"
else
	bad "SOURCE_DATE_EPOCH: the outputs differ across TZ, LANG and LC_ALL"
fi
if pdfinfo -isodates "$w/a.pdf" 2> /dev/null | grep -q '^CreationDate: *2019-04-26T00:00:00Z$'; then
	ok "SOURCE_DATE_EPOCH: the PDF's creation date is the epoch"
else
	bad "SOURCE_DATE_EPOCH: the PDF's creation date is not the epoch"
fi
today=$(date -u +%Y-%m-%d)
( unset SOURCE_DATE_EPOCH; run -q render "$good" -o "$w/d.pdf" --xml "$w/d.xml" > /dev/null 2>&1 )
if pdfinfo -isodates "$w/d.pdf" 2> /dev/null | grep -q "^CreationDate: *$today" ||
    pdfinfo -isodates "$w/d.pdf" 2> /dev/null | grep -q "^CreationDate: *$(date -u +%Y-%m-%d)"; then
	ok "without SOURCE_DATE_EPOCH the creation date is the clock's"
else
	bad "without SOURCE_DATE_EPOCH the creation date is not today's"
fi

# Text our fonts cannot show: fallback fonts, direction, the text given back.
sh "$dir/fonts.sh" "$closeout" "$work/fonts" || fail=$((fail + 1))

echo "hostile: $((n - fail)) of $n as expected"
[ $fail -eq 0 ]
