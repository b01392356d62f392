#!/bin/sh
# Golden dumps: each NAME.yaml here, loaded, gives NAME.tree (the model) and,
# laid out with the fixed-advance measurer, NAME.layout (the pages).
# Usage: run.sh DUMP WORKDIR   (REGEN=1 rewrites the golden files: make regen)
set -u
dump=$1
work=$2
dir=$(dirname "$0")
mkdir -p "$work"
fail=0
n=0
for yaml in "$dir"/*.yaml; do
	name=$(basename "$yaml" .yaml)
	for kind in tree layout; do
		n=$((n + 1))
		${VALGRIND:-} "$dump" $kind "$yaml" > "$work/$name.$kind" 2> "$work/$name.err"
		status=$?
		if [ "${REGEN:-}" = 1 ] && [ $status -eq 0 ]; then
			cp "$work/$name.$kind" "$dir/$name.$kind"
		fi
		if [ $status -ne 0 ]; then
			echo "FAIL - golden/$name.$kind: exit status $status"
			cat "$work/$name.err"
			fail=$((fail + 1))
		elif ! diff -u "$dir/$name.$kind" "$work/$name.$kind" > "$work/$name.$kind.diff"; then
			echo "FAIL - golden/$name.$kind differs"
			head -40 "$work/$name.$kind.diff"
			fail=$((fail + 1))
		else
			echo "ok - golden/$name.$kind"
		fi
	done
done
echo "golden: $((n - fail)) of $n as expected"
[ $fail -eq 0 ]
