#!/bin/sh
# The subcommands new, watch and batch (issue 15): tests/cli/check_cli.py,
# and the CSV writer's quoting as a unit test (tests/unit/test_csv.c).
# Usage: run.sh CLOSEOUT WORKDIR
set -u
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 tests/cli/check_cli.py "$1" "$2"
