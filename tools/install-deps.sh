#!/bin/sh
# Installs the Debian packages closeout needs to build and render, and with
# --tests those the test suite needs, but only those that are missing
# (apt-get runs as root, or through sudo).
set -eu

# To build closeout and render a report.  fonts-dejavu-core and
# fonts-noto-core hold the fallback fonts of fonts/fonts.conf (Greek,
# Hebrew, Arabic, symbols); fonts-noto-cjk (Chinese, Japanese, Korean) is
# used if installed, but not installed here: it is 91 MB.
PKGS="build-essential pkg-config
libyaml-dev libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libicu-dev
libjson-glib-dev
libpango1.0-dev libcairo2-dev librsvg2-dev libqpdf-dev icc-profiles-free
libvoikko-dev voikko-fi libhyphen-dev hyphen-sv hyphen-en-us
fonts-sil-charis fonts-lato fonts-dejavu-core fonts-noto-core"

# To run the test suite too (--tests): the checkers and validators, PDFBox
# Preflight among them, the sanitizers' and fuzzers' tools, and mandoc and
# man-db for the man page.
TEST_PKGS="libxml2-utils qpdf poppler-utils python3 python3-yaml python3-jsonschema
python3-pikepdf libpdfbox2-java default-jre-headless libactivation-java libjaxb-api-java
time clang libclang-rt-14-dev valgrind locales mandoc man-db"

[ "${1:-}" = "--tests" ] && PKGS="$PKGS $TEST_PKGS"

# The hostile tests render under fi_FI.UTF-8 to show the locale changes nothing.
fi_locale() {
	locale -a 2> /dev/null | grep -qi '^fi_FI\.utf-\?8$' && return 0
	[ "$(id -u)" -eq 0 ] && command -v localedef > /dev/null 2>&1 &&
	    localedef -i fi_FI -f UTF-8 fi_FI.UTF-8 2> /dev/null
	return 0
}

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && fi_locale && exit 0

echo "installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "closeout needs these Debian packages:$missing" >&2
	echo "run this script as root, or install sudo" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
fi_locale
