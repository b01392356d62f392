#!/bin/sh
# What a command-line tool is expected to have: help for each command, "did
# you mean" for a misspelt one, bash completion, the man page, make install
# and uninstall (run from outside the tree), --diagnostics=json.
# Usage: run.sh CLOSEOUT WORKDIR   (from the top of the source tree)
set -u
closeout=$1
work=$2
dir=$(dirname "$0")
top=$(pwd)
# The completion runs elsewhere: the binary by its full name.
case $closeout in
/*) ;;
*) closeout=$top/$closeout ;;
esac
PY=/usr/bin/python3
rm -rf "$work"
mkdir -p "$work"
fail=0
n=0
ok() { n=$((n + 1)); echo "ok - cli2/$1"; }
bad() { n=$((n + 1)); fail=$((fail + 1)); echo "FAIL - cli2/$1"; }
# Runs the rest, keeping its status, standard output and standard error.
run() { "$@" > "$work/out" 2> "$work/err"; status=$?; }
has() { grep -q -e "$1" "$2"; }

# Help: each command's own options; the commands from closeout --help.
run "$closeout" render --help
if [ $status -eq 0 ] && has '^  closeout render \[OPTION…\] REPORT' "$work/out" &&
    has '-o, --output=FILE' "$work/out" && has '--xml=FILE' "$work/out" &&
    has '--pdf-standard=STD' "$work/out" && has '--template=NAME' "$work/out" &&
    has '--diagnostics=FORMAT' "$work/out"; then
	ok "render --help shows render's options"
else
	bad "render --help shows render's options (status $status)"
	sed 's/^/    /' "$work/out" | head -20
fi
run "$closeout" check --help
if [ $status -eq 0 ] && has '^  closeout check \[OPTION…\] REPORT' "$work/out" &&
    has '--dump=KIND' "$work/out" && ! has '--output' "$work/out"; then
	ok "check --help shows check's options, not render's"
else
	bad "check --help shows check's options, not render's (status $status)"
fi
"$closeout" help render > "$work/help-render" 2>&1
"$closeout" render --help > "$work/render-help" 2>&1
if cmp -s "$work/help-render" "$work/render-help"; then
	ok "'closeout help render' is 'closeout render --help'"
else
	bad "'closeout help render' is 'closeout render --help'"
fi
run "$closeout" --help
if [ $status -eq 0 ] && has '^Commands:' "$work/out" &&
    has '^  check  *validate' "$work/out" && has '^  render  *write' "$work/out"; then
	ok "closeout --help lists the commands"
else
	bad "closeout --help lists the commands (status $status)"
fi

# A misspelt command: the nearest by edit distance, exit status 2.
for pair in rendr:render chekc:check rneder:render chk:check; do
	typed=${pair%%:*}
	meant=${pair#*:}
	run "$closeout" "$typed" report.yaml
	printf "closeout: unknown command '%s'; did you mean '%s'?\n" "$typed" "$meant" \
	    > "$work/want"
	if [ $status -eq 2 ] && cmp -s "$work/want" "$work/err"; then
		ok "unknown command '$typed': did you mean '$meant'?"
	else
		bad "unknown command '$typed': did you mean '$meant'? (status $status)"
		sed 's/^/    /' "$work/err"
	fi
done
run "$closeout" -q --xml x.xml frobnicate report.yaml
if [ $status -eq 2 ] && has "^closeout: unknown command 'frobnicate'$" "$work/err"; then
	ok "an unknown command nothing is near: no guess, exit status 2"
else
	bad "an unknown command nothing is near: no guess, exit status 2 (status $status)"
fi
run "$closeout" --template compct check reports/keski-suomi-jarjestoyhteistyo.yaml
if [ $status -eq 2 ] &&
    has "^closeout: there is no template 'compct'; did you mean 'compact'?$" "$work/err"; then
	ok "--template with a misspelt name: did you mean, exit status 2"
else
	bad "--template with a misspelt name: did you mean, exit status 2 (status $status)"
fi

# Bash completion: the completion function with COMP_WORDS, then COMPREPLY.
mkdir -p "$work/comp/sub"
: > "$work/comp/a.yaml"
: > "$work/comp/b.xml"
: > "$work/comp/c.txt"
: > "$work/comp/d.pdf"
complete_as() { # want, words…
	want=$1
	shift
	got=$(cd "$work/comp" && bash -c '
		. "$0"
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_closeout
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
	    "$top/completions/closeout.bash" "$@")
	if [ "$got" = "$want" ]; then
		ok "completion of '$*'"
	else
		bad "completion of '$*': '$got', want '$want'"
	fi
}
complete_as "batch check help new render watch " "$closeout" ""
complete_as "render " "$closeout" re
complete_as "--diagnostics --dump --help --output --pdf-standard --quiet --template --xml " \
    "$closeout" render --
complete_as "--template " "$closeout" -q check --te
complete_as "compact default " "$closeout" render --template ""
complete_as "--template=compact " "$closeout" render --template=c
complete_as "layout " "$closeout" check -t l
complete_as "a-1b a-2b a-3b " "$closeout" render --pdf-standard a-
complete_as "json " "$closeout" check --diagnostics = j
complete_as "a.yaml b.xml sub " "$closeout" -q render ""
complete_as "d.pdf sub " "$closeout" render a.yaml -o ""
complete_as "batch check new render watch " "$closeout" help ""

# The man page: mandoc finds nothing in it (its complaint that there is no
# mandoc.db of the system's pages is about the system), and man shows it.
if ! command -v mandoc > /dev/null 2>&1; then
	bad "mandoc -Tlint closeout.1: mandoc is not installed (sh tools/install-deps.sh --tests)"
else
	mandoc -Tlint closeout.1 > "$work/lint" 2>&1
	status=$?
	grep -v 'outdated mandoc.db' "$work/lint" > "$work/lint.own"
	if [ $status -eq 0 ] && [ ! -s "$work/lint.own" ]; then
		ok "mandoc -Tlint closeout.1 finds nothing"
	else
		bad "mandoc -Tlint closeout.1 (status $status)"
		sed 's/^/    /' "$work/lint.own"
	fi
fi
MANPAGER=cat MANWIDTH=80 man -l ./closeout.1 > "$work/man" 2> "$work/man.err"
status=$?
missing=""
for s in NAME SYNOPSIS DESCRIPTION ENVIRONMENT FILES "EXIT STATUS" EXAMPLES \
    DIAGNOSTICS "SEE ALSO" STANDARDS AUTHORS; do
	grep -q "^$s\$" "$work/man" || missing="$missing '$s'"
done
for w in "closeout check" "closeout render" "closeout new" "closeout watch" \
    "closeout batch" SOURCE_DATE_EPOCH CLOSEOUT_TIMES PDF/A-2b PDF/UA-1; do
	grep -q "$w" "$work/man" || missing="$missing '$w'"
done
if [ $status -eq 0 ] && [ -z "$missing" ]; then
	ok "man ./closeout.1 shows every section, command and variable"
else
	bad "man ./closeout.1 (status $status), missing:$missing"
fi
# Every option that a command takes is in the man page.
missing=""
for c in check render new watch batch; do
	for o in $("$closeout" $c --help | sed -n 's/^  .*\(--[a-z-]*\).*/\1/p'); do
		[ "$o" = --help ] && continue
		grep -q -e "$o" "$work/man" || missing="$missing $c:$o"
	done
done
if [ -z "$missing" ]; then
	ok "the man page documents every option of check and render"
else
	bad "the man page lacks:$missing"
fi

# make install into a DESTDIR under /tmp, then the installed closeout run
# from outside the tree on a copy of the seed report, with the source tree
# hidden when the system lets us (a mount namespace of our own).
dest=$(mktemp -d /tmp/closeout-dest.XXXXXX)
outside=$(mktemp -d /tmp/closeout-outside.XXXXXX)
prefix=$dest/usr/local
make --no-print-directory -s install B="$(dirname "$closeout")" PREFIX=/usr/local \
    DESTDIR="$dest" > "$work/install.log" 2>&1
status=$?
for f in bin/closeout share/closeout/templates/default.yaml share/closeout/templates/compact.yaml \
    share/closeout/fonts/fonts.conf share/closeout/schemas/closeout-report-2.xsd \
    share/closeout/templates/skeleton/fi.yaml share/closeout/templates/skeleton/sv.yaml \
    share/closeout/templates/skeleton/en.yaml \
    share/closeout/schemas/report.schema.json share/man/man1/closeout.1 \
    share/bash-completion/completions/closeout; do
	[ -f "$prefix/$f" ] || { status=1; echo "    not installed: $f"; }
done
if [ $status -eq 0 ]; then
	ok "make install PREFIX=/usr/local DESTDIR=/tmp/… installs the binary and its data"
else
	bad "make install PREFIX=/usr/local DESTDIR=/tmp/… (status $status)"
	sed 's/^/    /' "$work/install.log" | tail -5
fi
cp reports/keski-suomi-jarjestoyhteistyo.yaml "$outside/seed.yaml"
cp -r reports/images "$outside/images"
# Under `make asan` LeakSanitizer reads its suppressions from the tree: a copy.
lsan_saved=${LSAN_OPTIONS:-}
if [ -n "${LSAN_OPTIONS:-}" ]; then
	cp tests/lsan.supp "$outside/lsan.supp"
	LSAN_OPTIONS=$(printf '%s' "$LSAN_OPTIONS" |
	    sed "s|suppressions=[^:]*|suppressions=$outside/lsan.supp|")
	export LSAN_OPTIONS
fi
installed() { # closeout's arguments: run in $outside, the tree hidden if we may
	if [ -n "$hidden" ]; then
		# shellcheck disable=SC2016 # $1 and $@ are the inner shell's
		(cd "$outside" && env -u CLOSEOUT_DATADIR unshare -m --propagation private \
		    sh -c 'mount -t tmpfs none "$1" && shift && exec "$@"' sh "$top" \
		    "$prefix/bin/closeout" "$@")
	else
		(cd "$outside" && env -u CLOSEOUT_DATADIR "$prefix/bin/closeout" "$@")
	fi > "$outside/log" 2>&1
}
hidden=""
unshare -m --propagation private sh -c "mount -t tmpfs none '$top'" 2> /dev/null &&
    hidden=" with the source tree hidden"
installed render seed.yaml
status=$?
if [ $status -eq 0 ] && pdftotext "$outside/seed.pdf" - 2> /dev/null |
    grep -q "Järjestöyhteistyö Keski-Suomen" &&
    [ "$(pdfinfo "$outside/seed.pdf" | awk '/^Pages:/ { print $2 }')" -ge 5 ] &&
    [ -s "$outside/seed.xml" ]; then
	ok "the installed closeout renders the seed report in /tmp$hidden"
else
	bad "the installed closeout renders the seed report in /tmp$hidden (status $status)"
	sed 's/^/    /' "$outside/log" | head -5
fi
if installed check seed.xml; then
	ok "the installed closeout reads the XML back (its schemas)$hidden"
else
	bad "the installed closeout reads the XML back (its schemas)$hidden"
	sed 's/^/    /' "$outside/log" | head -5
fi
if installed new --lang fi uusi.yaml && installed check uusi.yaml; then
	ok "the installed closeout writes a skeleton that checks$hidden"
else
	bad "the installed closeout writes a skeleton that checks$hidden"
	sed 's/^/    /' "$outside/log" | head -5
fi
rm -rf "$outside"
# The copy of the suppressions is gone with it.
[ -n "$lsan_saved" ] && LSAN_OPTIONS=$lsan_saved && export LSAN_OPTIONS
make --no-print-directory -s uninstall PREFIX=/usr/local DESTDIR="$dest" > "$work/install.log" 2>&1
status=$?
left=$(find "$dest" ! -type d)
if [ $status -eq 0 ] && [ -z "$left" ] && [ ! -e "$prefix/share/closeout" ]; then
	ok "make uninstall removes all of it"
else
	bad "make uninstall (status $status) left: $left"
fi
rm -rf "$dest"

# --diagnostics=json: each line a JSON object, the text's messages with their hints.
if $PY "$dir/check_json.py" "$closeout" "$work/json"; then
	ok "--diagnostics=json"
else
	bad "--diagnostics=json"
fi

echo "cli2: $((n - fail)) of $n as expected"
[ $fail -eq 0 ]
