#!/usr/bin/python3
"""--diagnostics=json: every line of standard error is one JSON object (file,
line, column, severity, id, message, hints), read with Python's json module;
the objects are the text messages of the same run, in the same order, each
with the hints that follow it in the text; some are checked field by field.

Usage: check_json.py CLOSEOUT WORKDIR   (from the top of the source tree)
"""
import glob
import json
import os
import re
import subprocess
import sys

KEYS = {"file", "line", "column", "severity", "id", "message", "hints"}
TEXT = re.compile(r"^(.*?):(\d+):(\d+): (warning|error|fatal|hint): (.*)$")
failures = 0


def report(name, ok, detail=""):
    global failures
    print(("ok - " if ok else "FAIL - ") + "cli2/json: " + name)
    if not ok:
        failures += 1
        for line in str(detail).splitlines()[:12]:
            print("    " + line)


def run(closeout, *args):
    return subprocess.run([closeout, *args], capture_output=True, text=True)


def objects(stderr):
    """The JSON objects of stderr, one a line; raises on any other line."""
    out = []
    for line in stderr.splitlines():
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise ValueError("not an object: " + line)
        out.append(obj)
    return out


def from_text(stderr):
    """The text messages as the JSON would have them: hints into their message."""
    out = []
    for line in stderr.splitlines():
        m = TEXT.match(line)
        if not m:
            continue        # source lines, carets, counts
        f, l, c, sev, msg = m.groups()
        if sev == "hint" and out:
            out[-1]["hints"].append({"line": int(l), "column": int(c), "message": msg})
        else:
            out.append({"file": f, "line": int(l), "column": int(c), "severity": sev,
                        "message": msg, "hints": []})
    return out


def same(got, want):
    """The JSON's messages are the text's, where the text, its line cut
    short at 1000 bytes with its file name in front, may end sooner."""
    def fits(g, w):
        if w.endswith("..."):
            return g.startswith(w[:-3])
        return g == w
    if len(got) != len(want):
        return False
    for g, w in zip(got, want):
        if not fits(g["message"], w["message"]) or \
                {k: g[k] for k in g if k != "message"} != {k: w[k] for k in w if k != "message"}:
            return False
    return True


def main():
    closeout, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)

    # The same messages as the text, for every golden error and hostile input.
    inputs = sorted(glob.glob("tests/errors/*.yaml") + glob.glob("tests/hostile/*.yaml"))
    bad = []
    for path in inputs:
        for cmd in ("check", "render"):
            extra = [] if cmd == "check" else [
                "-o", os.path.join(work, "x.pdf"), "--xml", os.path.join(work, "x.xml")]
            text = run(closeout, cmd, path, *extra)
            js = run(closeout, cmd, "--diagnostics=json", path, *extra)
            try:
                got = objects(js.stderr)
            except ValueError as e:
                bad.append("%s %s: not JSON lines: %s: %r" % (cmd, path, e, js.stderr[:300]))
                continue
            want = from_text(text.stderr)
            if js.returncode != text.returncode:
                bad.append("%s %s: status %d, text %d" % (cmd, path, js.returncode,
                                                         text.returncode))
            elif any(set(o) != KEYS for o in got if "line" in o):
                bad.append("%s %s: keys %s" % (cmd, path, [sorted(o) for o in got]))
            elif not same([{k: o[k] for k in o if k != "id"} for o in got if "line" in o],
                          want):
                bad.append("%s %s:\n  json %s\n  text %s" % (cmd, path, got, want))
    report("%d inputs: the text's messages, one object a line, hints inside" % len(inputs),
           not bad, "\n".join(bad))

    # Field by field: a duplicate key, with its hint pointing at the first one.
    got = objects(run(closeout, "check", "--diagnostics=json",
                      "tests/errors/duplicate-key.yaml").stderr)
    want = [{"file": "tests/errors/duplicate-key.yaml", "line": 7, "column": 1,
             "severity": "error", "id": "duplicate-key", "message": "duplicate key 'summary'",
             "hints": [{"line": 6, "column": 1,
                        "message": "'summary' was first given here"}]}]
    report("a duplicate key: line, column, severity, id, message and its hint",
           got == want, got)

    # A misspelt key: the hint that names the right one.
    got = objects(run(closeout, "check", "--diagnostics=json", "tests/errors/many.yaml").stderr)
    first = got[0] if got else {}
    report("an unknown key: id unknown-key, hint 'did you mean'",
           first.get("id") == "unknown-key" and first.get("line") == 3 and
           first.get("column") == 25 and first.get("severity") == "error" and
           [h["message"] for h in first.get("hints", [])] == ["did you mean 'code'?"], got)

    # Warnings are "warning", and -q leaves them out.
    got = objects(run(closeout, "check", "--diagnostics=json", "tests/hostile/links.yaml").stderr)
    report("warnings have severity warning and an id",
           got and all(o["severity"] == "warning" and o["id"] == "link-scheme" for o in got),
           got)
    q = run(closeout, "check", "-q", "--diagnostics=json", "tests/hostile/links.yaml")
    report("-q leaves warnings out", q.stderr == "" and q.returncode == 0, q.stderr)

    # A template's messages carry its file; the unreadable file is fatal.
    got = objects(run(closeout, "check", "--diagnostics=json",
                      "tests/errors/bad-template.yaml").stderr)
    report("a template's messages name the template's file",
           any(o["file"].endswith("templates/broken.yaml") for o in got), got)
    p = run(closeout, "check", "--diagnostics=json", os.path.join(work, "absent.yaml"))
    got = objects(p.stderr)
    report("a file that cannot be read: one fatal object, exit status 2",
           p.returncode == 2 and len(got) == 1 and got[0]["severity"] == "fatal" and
           got[0]["id"] == "read" and got[0]["line"] == 1, p.stderr)

    # Past 100 messages a note without a place says the rest are not shown.
    many = os.path.join(work, "many.yaml")
    with open(many, "w") as f:
        f.write("meta:\n  title: x\n  project: {name: T}\n  date: 2019-04-26\n"
                "  language: fi\n")
        for i in range(120):
            f.write("k%d: 1\n" % i)
    got = objects(run(closeout, "check", "--diagnostics=json", many).stderr)
    report("100 messages, then a note without line or column",
           len(got) == 101 and got[-1]["severity"] == "note" and
           got[-1]["id"] == "too-many-messages" and "line" not in got[-1], got[-1:])

    # Our own failure (an output that cannot be written) is an object too.
    p = run(closeout, "render", "--diagnostics=json", "reports/keski-suomi-jarjestoyhteistyo.yaml",
            "-o", "/nonexistent/dir/x.pdf", "--xml", os.path.join(work, "x.xml"))
    got = objects(p.stderr)
    report("an output that cannot be written: a fatal 'output' object, exit status 2",
           p.returncode == 2 and len(got) == 1 and got[0]["id"] == "output" and
           "/nonexistent/dir/x.pdf" in got[0]["message"], p.stderr)

    # A wrong format is a usage error.
    p = run(closeout, "check", "--diagnostics=xml", "tests/errors/many.yaml")
    report("--diagnostics=xml is a usage error",
           p.returncode == 2 and "--diagnostics takes text or json" in p.stderr, p.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
