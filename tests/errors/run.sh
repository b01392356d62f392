#!/bin/sh
# Golden diagnostics: each NAME.yaml here must give exactly NAME.err on
# standard error, exit status 1, and write no output file; 'check' must
# find the same mistakes (exit status 1).
# Usage: run.sh CLOSEOUT WORKDIR   (REGEN=1 rewrites the .err files)
set -u
closeout=$1
work=$2
dir=$(dirname "$0")
mkdir -p "$work"
fail=0
n=0
for yaml in "$dir"/*.yaml; do
	name=$(basename "$yaml" .yaml)
	n=$((n + 1))
	out="$work/$name"
	rm -f "$out.pdf" "$out.xml"
	${VALGRIND:-} "$closeout" render "$yaml" -o "$out.pdf" --xml "$out.xml" 2> "$out.stderr"
	status=$?
	if [ "${REGEN:-}" = 1 ]; then
		cp "$out.stderr" "$dir/$name.err"
	fi
	if [ $status -ne 1 ]; then
		echo "FAIL - errors/$name: exit status $status, want 1"
		fail=$((fail + 1))
	elif ! diff -u "$dir/$name.err" "$out.stderr" > "$out.diff"; then
		echo "FAIL - errors/$name: diagnostics differ"
		cat "$out.diff"
		fail=$((fail + 1))
	elif [ -e "$out.pdf" ] || [ -e "$out.xml" ] || ls "$work"/.*.tmp >/dev/null 2>&1; then
		echo "FAIL - errors/$name: an output file was written"
		fail=$((fail + 1))
	elif ${VALGRIND:-} "$closeout" check "$yaml" > /dev/null 2>&1; [ $? -ne 1 ]; then
		echo "FAIL - errors/$name: 'check' does not find the mistakes (exit status not 1)"
		fail=$((fail + 1))
	else
		echo "ok - errors/$name"
	fi
done
echo "errors: $((n - fail)) of $n as expected"
[ $fail -eq 0 ]
