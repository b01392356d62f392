#!/bin/sh
# The editor schema (schemas/report.schema.json) accepts every example report
# and refuses each golden mistake of tests/errors/ that is about the format
# (syntax-level mistakes such as tabs or bad UTF-8 never reach a schema).
set -u
dir=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$dir/../.." && pwd)
py=/usr/bin/python3
fail=0
if $py "$dir/check_json_schema.py" "$top"/reports/*.yaml; then
	echo "ok - schema: every report under reports/ is valid"
else
	echo "FAIL - schema: a report under reports/ is not valid"
	fail=1
fi
# The format mistakes: unknown keys, wrong types and values, missing fields.
set -- unknown-key unknown-section bad-enum bad-language wrong-type missing-required \
    bad-email bad-date bad-month many
files=""
for n in "$@"; do files="$files $top/tests/errors/$n.yaml"; done
# shellcheck disable=SC2086
if $py "$dir/check_json_schema.py" --expect-invalid $files; then
	echo "ok - schema: refuses the $# golden format mistakes"
else
	echo "FAIL - schema: accepted a report with a format mistake"
	fail=1
fi
exit $fail
