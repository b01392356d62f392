#!/bin/sh
# Text our own fonts cannot show (issue 14): the fallback fonts of
# fonts/fonts.conf set Hebrew, Arabic, Greek and Cyrillic (and CJK and
# Hangul if fonts-noto-cjk is installed), embedded in the PDF; right-to-left
# runs are in visual order inside left-to-right paragraphs and come back from
# pdftotext in logical order, never as U+FFFD or Arabic presentation forms;
# the PDF stays PDF/A and PDF/UA.  The warning for a character no font has
# is the golden case no-glyph.yaml.
# Usage: fonts.sh CLOSEOUT WORKDIR   (run from tests/hostile/run.sh)
set -u
closeout=$1
work=$2
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
in=tests/hostile/fonts/scripts.yaml
rm -rf "$work"
mkdir -p "$work"
fail=0
n=0
ok() { n=$((n + 1)); echo "ok - hostile/fonts: $1"; }
bad() { n=$((n + 1)); fail=$((fail + 1)); echo "FAIL - hostile/fonts: $1"; }
run() { timeout -k 5 "${HOSTILE_TIMEOUT:-60}" ${VALGRIND:-} "$closeout" "$@"; }
cjk=false
[ -e /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] && cjk=true

run render "$in" -o "$work/s.pdf" --xml "$work/s.xml" > /dev/null 2> "$work/err"
status=$?
pdftotext "$work/s.pdf" "$work/s.txt" 2> /dev/null
pdftotext -bbox "$work/s.pdf" "$work/s.bbox" 2> /dev/null
pdffonts "$work/s.pdf" 2> /dev/null | sed 's/^[A-Z]*+//' | awk '{ print $1 }' > "$work/fonts"
if [ $status -eq 0 ] && [ -s "$work/s.txt" ]; then
	ok "the report of many scripts is rendered"
else
	bad "the report of many scripts: status $status"
	head -5 "$work/err"
fi

# Only CJK may lack a font, and only without fonts-noto-cjk.
if $cjk; then
	! grep -q 'no font has' "$work/err"
else
	! grep 'no font has' "$work/err" |
	    grep -vq 'CJK UNIFIED\|HANGUL\|HIRAGANA\|KATAKANA\|IDEOGRAPHIC\|FULLWIDTH\|other characters'
fi
if [ $? -eq 0 ]; then
	ok "no warning for Hebrew, Arabic, Greek or Cyrillic"
else
	bad "a character of a covered script has no font"
	grep 'no font has' "$work/err" | head -5
fi

# The fallback fonts are embedded: serif for the body, sans for the tables.
for f in NotoSerifHebrew-Regular NotoNaskhArabic-Regular NotoSerif-Regular NotoSerif-Italic \
    NotoSansHebrew-Regular NotoSansArabic-Regular; do
	if grep -qx "$f" "$work/fonts"; then
		ok "pdffonts: $f embedded"
	else
		bad "pdffonts: $f not embedded"
	fi
done

# The text comes back in logical order: each script's words as written.
for want in 'Ελληνικά κείμενο.' 'Πλάγια γράμματα' 'Кириллица текст.' 'Привет мир' \
    'שלום עולם' 'مشروع التعاون' 'مرحبا بالعالم' 'פרויקט'; do
	# pdftotext marks right-to-left runs (U+202B … U+202C): not the text's.
	if sed "s/$(printf '\342\200\253')//g; s/$(printf '\342\200\254')//g" "$work/s.txt" |
	    grep -qF "$want"; then
		ok "pdftotext gives back '$want'"
	else
		bad "pdftotext does not give back '$want'"
	fi
done
# Never a replacement character, nor Arabic's shaped forms for its letters.
if ! $PY -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
bad = sorted({c for c in t if c == "\ufffd" or 0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF})
print(" ".join("U+%04X" % ord(c) for c in bad))
sys.exit(1 if bad else 0)' "$work/s.txt" > "$work/odd"; then
	bad "pdftotext gives back $(cat "$work/odd")"
else
	ok "no U+FFFD and no presentation forms in the text"
fi

# Direction, from the words' boxes: a paragraph that starts in Hebrew is
# still left to right (the Hebrew word at the left margin, the Finnish after
# it); right to left, the words of a Hebrew passage run from the right,
# through lines broken by our own line breaking, in the order written.
if $PY - "$work/s.bbox" <<'EOF'
import re, sys
# (x, line, text) of every word; a line is the words of a page whose
# bottoms lie within 5 pt of each other (the fonts' depths differ).
words, k = [], 0
for page in open(sys.argv[1], encoding="utf-8").read().split("<page ")[1:]:
    on = [(float(m.group(1)), float(m.group(2)), m.group(3)) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)]
    line_of, last = {}, None
    for y in sorted({w[1] for w in on}):
        if last is None or y - last > 5:
            k += 1
        line_of[y], last = k, y
    words += [(x, line_of[y], t) for x, y, t in on]
hebrew = lambda w: any(0x0590 <= ord(c) <= 0x05FF for c in w)
fail = False
# The paragraph "פרויקט alkaa …": its first word at the margin, "alkaa" right of it.
start = [w for w in words if w[2] == "alkaa"]
line = [w for w in words if start and w[1] == start[0][1]]
first = min(line) if line else None
if not first or first[2][::-1] != "פרויקט" or first[0] > 71.0 or max(line)[2] != "oikealle.":
    print("  the paragraph that starts in Hebrew is not left to right:", sorted(line)[:3])
    fail = True
# The passage: lines top down, on each its Hebrew words from the right.
want = ("שלום עולם זהו משפט ארוך בעברית שנועד לבדוק את שבירת השורות בתוך קטע מימין "
        "לשמאל ועוד מילים רבות כדי למלא שתי שורות לפחות בדף").split()
top = [w[1] for w in words if w[2] == "riville:"]
end = sorted(w[1] for w in words if top and w[2][::-1] == "בדף" and w[1] >= top[0])
got = []
for y in sorted({w[1] for w in words if top and end and top[0] <= w[1] <= end[0]}):
    got += [w[2][::-1] for w in sorted((w for w in words if w[1] == y and hebrew(w[2])), reverse=True)]
if got != want:
    print("  the Hebrew passage reads:", " ".join(got))
    fail = True
sys.exit(1 if fail else 0)
EOF
then
	ok "right to left inside left-to-right paragraphs, across our line breaks"
else
	bad "right-to-left text out of order"
fi

# CJK and Hangul: with fonts-noto-cjk, set in its faces and given back;
# without it, a warning naming each character and a hint to install it.
if $cjk; then
	if grep -qx NotoSerifCJKsc-Regular "$work/fonts" && grep -qx NotoSerifCJKjp-Regular "$work/fonts" &&
	    grep -qx NotoSerifCJKkr-Regular "$work/fonts" && grep -qF '中文文本，北京。' "$work/s.txt" &&
	    grep -qF '日本語のテキスト。' "$work/s.txt" && grep -qF '한국어 텍스트' "$work/s.txt"; then
		ok "CJK and Hangul in Noto CJK (SC, JP, KR), given back"
	else
		bad "CJK and Hangul"
	fi
else
	echo "ok - hostile/fonts: CJK and Hangul # SKIP fonts-noto-cjk is not installed"
	if grep -q "^$in:[0-9]*:[0-9]*: warning: no font has the character: U+4E2D CJK UNIFIED IDEOGRAPH-4E2D" "$work/err" &&
	    grep -q "hint: install the Debian package fonts-noto-cjk" "$work/err"; then
		ok "without fonts-noto-cjk: CJK named, with a hint"
	else
		bad "without fonts-noto-cjk: no warning for CJK"
	fi
fi

# PDF/A and PDF/UA with the fallback fonts (CIDSet of CFF subsets too).
if [ -x /usr/bin/java ] && [ -r /usr/share/java/preflight.jar ]; then
	run -q render "$in" --pdf-standard a-1b -o "$work/a1.pdf" --xml "$work/a1.xml" > /dev/null 2>&1
	if sh tests/pdf/preflight.sh "$work/a1.pdf" > "$work/preflight"; then
		ok "PDF/A-1b: 0 errors in PDFBox Preflight"
	else
		bad "PDF/A-1b: Preflight"
		tail -5 "$work/preflight"
	fi
else
	echo "ok - hostile/fonts: Preflight # SKIP libpdfbox2-java is not installed"
fi
if $PY -c 'import pikepdf' 2> /dev/null; then
	if $PY tests/pdf/check_pdfa.py "$work/s.pdf" > "$work/pdfa" 2>&1; then
		ok "PDF/A-2b: veraPDF's rules"
	else
		bad "PDF/A-2b"
		grep -i fail "$work/pdfa" | head -5
	fi
	if $PY tests/pdf/check_pdfua.py "$work/s.pdf" > "$work/pdfua" 2>&1; then
		ok "PDF/UA-1: the Matterhorn checks"
	else
		bad "PDF/UA-1"
		grep -i fail "$work/pdfua" | head -5
	fi
fi

echo "hostile/fonts: $((n - fail)) of $n as expected"
[ $fail -eq 0 ]
