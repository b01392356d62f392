#!/bin/sh
# Validates one PDF against PDF/A-1b with Apache PDFBox Preflight, as Debian
# packages it (libpdfbox2-java: preflight.jar, pdfbox2.jar, fontbox2.jar,
# xmpbox.jar, plus commons-logging, javax.activation and jaxb-api, and a JRE).
#
# Usage: tests/pdf/preflight.sh FILE.pdf
#
# Prints Preflight's verdict and every error line it gives ("CODE : details
# [on page N]"), then a count of the errors per code, most frequent first,
# with the first message of each code. The codes are PDFBox's
# (org.apache.pdfbox.preflight.PreflightConstants): 1.x file structure,
# 2.x graphics (2.4.x colour spaces), 3.x fonts, 5.x annotations, 6.x actions,
# 7.x metadata.
#
# Exit status: 0 the file is valid PDF/A-1b; 1 it is not; 2 Preflight could
# not be run or gave no verdict (its output is shown).
#
# Install the packages with (as root):
#   apt-get install --no-install-recommends libpdfbox2-java \
#       default-jre-headless libactivation-java libjaxb-api-java
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 FILE.pdf" >&2
	exit 2
fi
pdf=$1
if [ ! -r "$pdf" ]; then
	echo "$0: cannot read $pdf" >&2
	exit 2
fi

# Debian installs unversioned links beside the versioned jars.
J=${PREFLIGHT_JAVA_DIR:-/usr/share/java}
cp=""
for jar in preflight pdfbox2 fontbox2 xmpbox commons-logging javax.activation jaxb-api; do
	if [ ! -r "$J/$jar.jar" ]; then
		echo "$0: $J/$jar.jar is missing; install libpdfbox2-java" \
		    "libactivation-java libjaxb-api-java" >&2
		exit 2
	fi
	cp="$cp${cp:+:}$J/$jar.jar"
done
if ! command -v java > /dev/null 2>&1; then
	echo "$0: java is missing; install default-jre-headless" >&2
	exit 2
fi

out=$(mktemp) || exit 2
err=$(mktemp) || exit 2
trap 'rm -f "$out" "$err"' EXIT

# Validator_A1b prints "The file NAME is a valid PDF/A-1b file" and exits 0, or
# "... is not a valid PDF/A-1b file, error(s) :" and one line per error and
# exits 255; an exception (a file it cannot parse at all) exits 1.
java -Djava.awt.headless=true -cp "$cp" \
    org.apache.pdfbox.preflight.Validator_A1b "$pdf" > "$out" 2> "$err"
rc=$?

if grep -q 'is a valid PDF/A-1b file' "$out" && [ $rc -eq 0 ]; then
	echo "preflight: $pdf: valid PDF/A-1b"
	exit 0
fi
if ! grep -q 'is not a valid PDF/A-1b file' "$out"; then
	echo "preflight: $pdf: no verdict (java exit $rc)" >&2
	cat "$out" "$err" >&2
	exit 2
fi

# The verdict line, then the error lines as Preflight wrote them. A detail
# may span lines (an XMP parser message, say); the lines that do not start
# with a code are printed but not counted.
echo "preflight: $pdf: NOT valid PDF/A-1b (PDFBox Preflight)"
grep -v '^The file .* is not a valid PDF/A-1b file' "$out" | sed '/^$/d; s/^/  /'

echo "summary per error code:"
grep -E '^[0-9]+(\.[0-9]+)* : ' "$out" | awk -F' : ' '
	{
		code = $1
		if (!(code in n)) {
			order[++k] = code
			msg = substr($0, length(code) + 4)
			sub(/ on page [0-9]+$/, "", msg)
			first[code] = msg
		}
		n[code]++
		total++
	}
	END {
		# most frequent first; ties in the order Preflight reported them
		# (an insertion sort, which keeps ties in place)
		for (i = 2; i <= k; i++) {
			t = order[i]
			for (j = i - 1; j >= 1 && n[order[j]] < n[t]; j--)
				order[j + 1] = order[j]
			order[j + 1] = t
		}
		for (i = 1; i <= k; i++)
			printf "  %5d  %-8s %s\n", n[order[i]], order[i], first[order[i]]
		printf "  %5d  errors in all, %d distinct codes\n", total, k
	}'
exit 1
