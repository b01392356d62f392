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

# Model memory: a 16 MB paragraph of emphasis would make 8 million nodes.
{
	printf 'meta: {title: T, project: {name: P}, date: 2019-04-26, language: en}\n'
	printf 'summary: |\n  '
	awk 'BEGIN { s = "*a* *b* *c* *d* "; for (i = 0; i < 13; i++) s = s s; for (i = 0; i < 120; i++) printf "%s", s; print "" }'
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

# Signals: SIGTERM while the PDF is being written, SIGINT while only the
# XML waits in its temporary file: either way the earlier outputs stay and
# no temporary file is left.  The report is the seed's summary 600 times
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
for phase in "TERM pdf" "INT xml"; do
	sig=${phase% *}
	what=${phase#* }
	${VALGRIND:-} "$closeout" -q render "$big" -o "$ow/good.pdf" --xml "$ow/good.xml" \
	    > /dev/null 2>&1 &
	pid=$!
	# Wait until that temporary output exists, then interrupt.
	i=0
	while [ $i -lt 3000 ] && ! ls -a "$ow" | grep -q "^\.good\.$what\..*\.tmp\$"; do
		sleep 0.01
		i=$((i + 1))
	done
	kill -s "$sig" $pid 2> /dev/null
	{ wait $pid; } 2> /dev/null
	status=$?
	if [ $i -lt 3000 ] && [ $status -gt 128 ] && keep; then
		ok "SIG$sig while the $what is being written: earlier outputs kept, no temporary file"
	else
		bad "SIG$sig while the $what is being written (status $status, waited $i)"
		ls -la "$ow"
	fi
done

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
