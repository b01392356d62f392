#!/bin/sh
# Runs libFuzzer targets for a set time each, seeded from reports/ and tests/,
# and prints how many inputs each ran.  Crashes land in BUILD/fuzz/artifacts/
# (turn each into a regression case in tests/hostile/).  The corpus each run
# finds is kept in BUILD/fuzz/corpus/ for the next run.
# Usage: run.sh BUILD SECONDS TARGET...   (fuzz_load fuzz_inline fuzz_xml fuzz_layout)
set -u
cd "$(dirname "$0")/../.."
B=$1
seconds=$2
shift 2
F=$B/fuzz
export CLOSEOUT_DATADIR="$PWD"
# Leaks count as failures; libxml2's and GLib's one-time globals are not leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$F/artifacts"
fail=0
summary=""

# Seeds: every report and test input; the XML written from the reports.
seed() {
	s=$F/seeds/$1
	rm -rf "$s"
	mkdir -p "$s"
	case $1 in
	fuzz_load|fuzz_layout)
		cp reports/*.yaml tests/errors/*.yaml tests/hostile/*.yaml tests/golden/*.yaml "$s"/
		;;
	fuzz_xml)
		cp tests/hostile/*.xml "$s"/
		for y in reports/*.yaml tests/golden/*.yaml tests/hostile/markup.yaml; do
			[ -f "$y" ] || continue
			"$B/closeout" -q -t xml check "$y" > "$s/$(basename "$y" .yaml).xml" 2> /dev/null
		done
		;;
	fuzz_inline)
		# The first byte picks prose or inline text, with or without places.
		for txt in tests/fuzz/inline/*.txt; do
			for m in 0 1 2 3; do
				{ printf "\\00$m"; cat "$txt"; } > "$s/$m-$(basename "$txt")"
			done
		done
		;;
	esac
}

for t in "$@"; do
	seed "$t"
	mkdir -p "$F/corpus/$t"
	case $t in
	fuzz_load|fuzz_layout) dict=tests/fuzz/yaml.dict; max=32768 ;;
	fuzz_xml) dict=tests/fuzz/xml.dict; max=32768 ;;
	*) dict=tests/fuzz/inline.dict; max=8192 ;;
	esac
	echo "== $t for $seconds s"
	"$F/$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=$max \
	    -dict="$dict" -print_final_stats=1 -artifact_prefix="$F/artifacts/$t-" \
	    "$F/corpus/$t" "$F/seeds/$t" > "$F/$t.log" 2>&1
	status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$F/$t.log" | tail -1)
	if [ $status -ne 0 ]; then
		fail=$((fail + 1))
		echo "FAIL - $t: crashed after ${runs:-?} runs; see $F/$t.log"
		grep -A30 "ERROR\|SUMMARY\|==ABORTING\|^fuzz_" "$F/$t.log" | head -60
		summary="$summary $t=crash"
	else
		echo "ok - $t: ${runs:-?} runs without a crash"
		summary="$summary $t=${runs:-?}"
	fi
done
echo "fuzz:$summary"
[ $fail -eq 0 ]
