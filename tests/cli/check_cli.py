#!/usr/bin/python3
"""The subcommands new, watch and batch, from the outside (issue 15).

new: the skeleton renders with no message in each language, under its
localized titles, as a draft, with the modeline's schema found; it never
overwrites a file (nor writes through a link).  watch: an edit by rename,
one in place and a changed image each give a new PDF; a broken edit keeps
the old one; SIGINT in the middle of a render leaves no temporary file.
batch: two good reports and a broken one give exit status 1, the summary's
rows (read back with the csv module) and no output for the broken one; a
killed worker fails only its own report.

Usage: check_cli.py CLOSEOUT WORKDIR
"""
import csv
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPORTS = os.path.join(ROOT, "reports")
# Sanitizer and valgrind builds are slower: every wait is this long at most.
LIMIT = float(os.environ.get("CLI_TIMEOUT", "60"))

passed = failed = 0


def report(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - cli: {name}")
    else:
        failed += 1
        print(f"FAIL - cli: {name}: {why}")


def run(*args, env=None, cwd=None):
    wrapper = os.environ.get("VALGRIND", "").split()
    return subprocess.run(wrapper + list(args), capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=LIMIT * 2)


def pdftext(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                          text=True, check=True).stdout


def temporaries(d):
    return [f for f in os.listdir(d) if f.startswith(".") and f.endswith(".tmp")]


def wait_for(what, timeout=LIMIT):
    """Polls what() until it is true; returns whether it became so."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if what():
            return True
        time.sleep(0.01)
    return False


# ---------------------------------------------------------------- new

TITLES = {
    "fi": ["Yhteenveto", "Nykytila ja tavoitteet", "Toteutus", "Organisointi", "Riskit",
           "Dokumentointi", "Opit ja kehittämisehdotukset", "Lisätietoja", "Tavoitteet",
           "Lopputuotokset", "Kustannukset", "Sidosryhmät"],
    "sv": ["Sammanfattning", "Nuläge och mål", "Genomförande", "Organisation", "Risker",
           "Dokumentation", "Lärdomar och förslag", "Ytterligare information", "Mål",
           "Slutprodukter", "Kostnader", "Intressenter"],
    "en": ["Summary", "Current state and goals", "Implementation", "Organisation", "Risks",
           "Documentation", "Lessons learned and proposals", "Further information", "Goals",
           "Deliverables", "Budget", "Stakeholders"],
}
DRAFT = {"fi": "Luonnos", "sv": "Utkast", "en": "Draft"}
# A word of the guidance comments that only that language has.
GUIDANCE = {"fi": "tavoitteet sekä se, miten", "sv": "vad det ledde till", "en": "what it cost"}
TYPED = [("current_state_and_goals", "goals"), ("implementation", "deliverables"),
         ("implementation", "budget"), ("risks", None), ("documentation", None),
         ("lessons_and_proposals", "lessons"), ("lessons_and_proposals", "proposals"),
         ("further_information", None), ("glossary", None), ("references", None)]


def check_new(closeout, work):
    d = os.path.join(work, "new")
    os.makedirs(d)
    for lang in ("fi", "sv", "en"):
        path = os.path.join(d, f"report-{lang}.yaml")
        p = run(closeout, "new", "--lang", lang, path)
        report(f"new --lang {lang}: exit 0", p.returncode == 0 and os.path.exists(path),
               p.stderr)
        if p.returncode != 0:
            continue
        text = open(path, encoding="utf-8").read()
        m = re.match(r"# yaml-language-server: \$schema=(\S+)\n", text)
        schema = m and os.path.join(d, m.group(1))
        report(f"new --lang {lang}: the modeline finds the schema",
               m is not None and os.path.exists(schema), text[:120])
        report(f"new --lang {lang}: guidance in the report's language",
               GUIDANCE[lang] in text, GUIDANCE[lang])
        data = yaml.safe_load(text)
        missing = [f"{a}.{b}" if b else a for a, b in TYPED
                   if a not in data or (b and b not in data[a])]
        report(f"new --lang {lang}: an example of each typed table", not missing,
               ", ".join(missing))
        report(f"new --lang {lang}: a draft", data["meta"].get("status") == "draft" and
               "date" not in data["meta"], str(data["meta"]))
        pdf = os.path.join(d, f"report-{lang}.pdf")
        p = run(closeout, "render", path)
        report(f"new --lang {lang}: renders with no message",
               p.returncode == 0 and "error" not in p.stderr and "warning" not in p.stderr,
               p.stderr)
        if p.returncode != 0:
            continue
        got = pdftext(pdf)
        absent = [t for t in TITLES[lang] + [DRAFT[lang]] if t not in got]
        report(f"new --lang {lang}: localized section titles in the PDF", not absent,
               ", ".join(absent))

    # The editor's schema, which the modeline names, takes all three.
    made = [os.path.join(d, f"report-{lang}.yaml") for lang in ("fi", "sv", "en")]
    p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "schema",
                        "check_json_schema.py")] + made, capture_output=True, text=True)
    report("new: the skeletons are valid against schemas/report.schema.json",
           p.returncode == 0, p.stdout + p.stderr)

    # Never over an existing file, nor through a link to one that is not there yet.
    path = os.path.join(d, "report-fi.yaml")
    before = open(path, "rb").read()
    p = run(closeout, "new", "--lang", "en", path)
    report("new refuses an existing file", p.returncode == 2 and
           open(path, "rb").read() == before and "exists" in p.stderr, p.stderr)
    link = os.path.join(d, "link.yaml")
    os.symlink(os.path.join(d, "elsewhere.yaml"), link)
    p = run(closeout, "new", link)
    report("new does not write through a link", p.returncode == 2 and
           not os.path.exists(os.path.join(d, "elsewhere.yaml")), p.stderr)

    # The language of the locale, if it is one of ours; else English.
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    for lang, want in (("sv_FI.UTF-8", "sv"), ("fi_FI", "fi"), ("de_DE.UTF-8", "en"),
                       ("C", "en")):
        path = os.path.join(d, f"locale-{lang}.yaml")
        p = run(closeout, "new", path, env=dict(env, LANG=lang))
        ok = p.returncode == 0 and yaml.safe_load(open(path, encoding="utf-8"))["meta"][
            "language"] == want
        report(f"new takes the language of LANG={lang}: {want}", ok, p.stderr)
    p = run(closeout, "new", os.path.join(d, "lcm.yaml"),
            env=dict(env, LANG="en_GB.UTF-8", LC_MESSAGES="fi_FI.UTF-8"))
    report("new: LC_MESSAGES over LANG", p.returncode == 0 and "language: fi" in
           open(os.path.join(d, "lcm.yaml"), encoding="utf-8").read(), p.stderr)
    p = run(closeout, "new", "--lang", "de", os.path.join(d, "de.yaml"))
    report("new --lang de is a usage error", p.returncode == 2 and
           not os.path.exists(os.path.join(d, "de.yaml")), p.stderr)
    p = run(closeout, "new", "--help")
    report("new --help", p.returncode == 0 and "--lang" in p.stdout, p.stdout)


# ---------------------------------------------------------------- watch

def signature(path):
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class Watch:
    """closeout watch on REPORT in its folder, its messages in a log file."""

    def __init__(self, closeout, d, name):
        self.d = d
        self.log_path = os.path.join(d, "watch.log")
        self.log = open(self.log_path, "w")
        wrapper = os.environ.get("VALGRIND", "").split()
        self.proc = subprocess.Popen(wrapper + [closeout, "watch", name], cwd=d,
                                     stderr=self.log, stdout=subprocess.DEVNULL)

    def runs(self):
        return len(re.findall(r"^\[\d\d:\d\d:\d\d\] ", open(self.log_path).read(), re.M))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(LIMIT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def edited(text, n):
    """The report with a word of its own in the summary, to find in the PDF."""
    return text.replace("summary: |\n", f"summary: |\n  Muutos{n}xyz tässä.\n\n", 1)


def check_watch(closeout, work):
    d = os.path.join(work, "watch")
    os.makedirs(d)
    src = open(os.path.join(REPORTS, "keski-suomi-jarjestoyhteistyo.yaml"),
               encoding="utf-8").read()
    # The seed with a figure, so that a changed image counts too.
    shutil.copy(os.path.join(REPORTS, "images", "users-per-year.png"),
                os.path.join(d, "chart.png"))
    src = src.replace("summary: |\n", "summary: |\n  ![Kaavio](chart.png \"Kaavio\")\n\n", 1)
    rep = os.path.join(d, "r.yaml")
    pdf = os.path.join(d, "r.pdf")
    open(rep, "w", encoding="utf-8").write(src)
    w = Watch(closeout, d, "r.yaml")
    try:
        ok = wait_for(lambda: signature(pdf) is not None)
        report("watch renders at the start", ok, open(w.log_path).read())
        if not ok:
            return

        # Saved as a new file renamed over the old one (vim, gedit).
        before = signature(pdf)
        tmp = rep + ".new"
        open(tmp, "w", encoding="utf-8").write(edited(src, 1))
        os.rename(tmp, rep)
        ok = wait_for(lambda: signature(pdf) != before and "Muutos1xyz" in pdftext(pdf))
        report("watch: an edit saved by rename gives a new PDF", ok, open(w.log_path).read())

        # Written in place (truncated and rewritten).
        before = signature(pdf)
        with open(rep, "w", encoding="utf-8") as f:
            f.write(edited(src, 2))
        ok = wait_for(lambda: signature(pdf) != before and "Muutos2xyz" in pdftext(pdf))
        report("watch: an edit written in place gives a new PDF", ok, open(w.log_path).read())

        # An image the report uses, replaced.
        before = signature(pdf)
        runs = w.runs()
        shutil.copy(os.path.join(REPORTS, "images", "users-per-year.png"),
                    os.path.join(d, "chart.new"))
        with open(os.path.join(d, "chart.new"), "ab") as f:
            f.write(b"\0")	# a different file, still a PNG
        os.rename(os.path.join(d, "chart.new"), os.path.join(d, "chart.png"))
        ok = wait_for(lambda: w.runs() > runs and signature(pdf) != before)
        report("watch: a changed image gives a new PDF", ok, open(w.log_path).read())

        # A broken edit: messages and a status line, the last good PDF stays.
        time.sleep(0.05)
        before = signature(pdf)
        runs = w.runs()
        with open(rep, "w", encoding="utf-8") as f:
            f.write(edited(src, 3).replace("meta:\n", "meta:\n  titel: x\n", 1))
        ok = wait_for(lambda: w.runs() > runs)
        log = open(w.log_path).read()
        report("watch: a broken edit is reported compiler style",
               ok and re.search(r"^r\.yaml:\d+:\d+: error: unknown key 'titel'", log, re.M)
               and "the PDF stays as it was" in log, log)
        time.sleep(0.2)
        report("watch: a broken edit keeps the last good PDF",
               signature(pdf) == before and "Muutos2xyz" in pdftext(pdf), "")

        # Fixed again: rendered again.
        with open(rep, "w", encoding="utf-8") as f:
            f.write(edited(src, 4))
        ok = wait_for(lambda: "Muutos4xyz" in pdftext(pdf))
        report("watch: the fixed report renders again", ok, open(w.log_path).read())
        report("watch: a status line with the time for each run",
               re.search(r"^\[\d\d:\d\d:\d\d\] r\.pdf: \d+ pages, 0 warnings, [0-9.]+ s$",
                         open(w.log_path).read(), re.M) is not None, open(w.log_path).read())

        # Every report, saved twice: the second run finds its texts kept, and
        # the PDF is still byte for byte what a cold render writes.
        shutil.copytree(os.path.join(REPORTS, "images"), os.path.join(d, "images"))
        for name in sorted(os.listdir(REPORTS)):
            if not name.endswith(".yaml"):
                continue
            text = open(os.path.join(REPORTS, name), encoding="utf-8").read()
            for _ in range(2):
                runs = w.runs()
                open(rep + ".new", "w", encoding="utf-8").write(text)
                os.rename(rep + ".new", rep)
                ok = wait_for(lambda: w.runs() > runs)
            cold = os.path.join(work, "cold-" + name)
            open(cold, "w", encoding="utf-8").write(text)
            shutil.copytree(os.path.join(REPORTS, "images"), os.path.join(work, "images"),
                            dirs_exist_ok=True)
            p = run(closeout, "render", cold, "-o", cold + ".pdf", "--xml", cold + ".xml")
            same = ok and p.returncode == 0 and \
                open(cold + ".pdf", "rb").read() == open(pdf, "rb").read() and \
                open(cold + ".xml", "rb").read() == open(os.path.join(d, "r.xml"), "rb").read()
            report(f"watch: {name} warm is byte for byte a cold render", same,
                   p.stderr + open(w.log_path).read()[-400:])
    finally:
        status = w.stop()
    report("watch: Ctrl-C stops it", status == -signal.SIGINT, f"status {status}")
    report("watch: no temporary file left", not temporaries(d), str(temporaries(d)))

    # SIGINT in the middle of a render: a larger report, interrupted soon after the edit.
    d2 = os.path.join(work, "watch-int")
    shutil.copytree(REPORTS, d2, ignore=shutil.ignore_patterns("*.pdf", "*.xml"))
    big = open(os.path.join(d2, "resonate-final-report.yaml"), encoding="utf-8").read()
    w = Watch(closeout, d2, "resonate-final-report.yaml")
    out = os.path.join(d2, "resonate-final-report.pdf")
    wait_for(lambda: signature(out) is not None)
    before = signature(out)
    runs = w.runs()
    with open(os.path.join(d2, "resonate-final-report.yaml"), "w", encoding="utf-8") as f:
        f.write(big.replace("RESONATE", "RESONANT", 1))
    # Interrupted once the run has begun (its temporary file is there) or soon after.
    wait_for(lambda: temporaries(d2) or w.runs() > runs, timeout=2)
    status = w.stop()
    report("watch: SIGINT during a render stops it", status == -signal.SIGINT,
           f"status {status}")
    report("watch: SIGINT during a render leaves no temporary file", not temporaries(d2),
           str(temporaries(d2)))
    report("watch: SIGINT during a render leaves a whole PDF",
           signature(out) is not None and pdftext(out) != "", "")


# ---------------------------------------------------------------- batch

def check_batch(closeout, work):
    d = os.path.join(work, "batch")
    inp = os.path.join(d, "in")
    out = os.path.join(d, "out")
    os.makedirs(inp)
    shutil.copytree(os.path.join(REPORTS, "images"), os.path.join(inp, "images"))
    good1 = open(os.path.join(REPORTS, "harbour-digital-services.yaml"), encoding="utf-8").read()
    # A title and a file name the CSV has to quote.
    good1 = good1.replace("  title: Harbour Digital Services\n",
                          "  title: 'Harbour \"Digital\" Services, phase 1'\n", 1)
    names = ["harbour, \"quoted\".yaml", "vastkusten-energi.yaml", "broken.yaml"]
    open(os.path.join(inp, names[0]), "w", encoding="utf-8").write(good1)
    shutil.copy(os.path.join(REPORTS, "vastkusten-energi.yaml"), os.path.join(inp, names[1]))
    bad = open(os.path.join(REPORTS, "vastkusten-energi.yaml"), encoding="utf-8").read()
    bad = bad.replace("meta:\n", "meta:\n  titel: x\n", 1).replace("  language: sv\n", "", 1)
    open(os.path.join(inp, names[2]), "w", encoding="utf-8").write(bad)
    # A template beside the reports is not one of them.
    open(os.path.join(inp, "own-template.yaml"), "w").write("page:\n  size: A4\n")
    csv_path = os.path.join(d, "summary.csv")
    p = run(closeout, "batch", "--jobs", "2", "--out", out, "--summary", csv_path, inp)
    report("batch: exit status 1 when a report has errors", p.returncode == 1,
           f"{p.returncode}: {p.stderr}")
    report("batch: the summary counts", "3 reports" in p.stderr and
           "2 rendered, 1 with errors, 0 failed" in p.stderr, p.stderr)
    report("batch: the failing report's first messages",
           re.search(r"broken\.yaml:\d+:\d+: error: unknown key 'titel'", p.stderr) is not None,
           p.stderr)
    files = sorted(os.listdir(out))
    want = sorted(["harbour, \"quoted\".pdf", "harbour, \"quoted\".xml",
                   "vastkusten-energi.pdf", "vastkusten-energi.xml"])
    report("batch: outputs of the good reports, none of the broken one", files == want,
           str(files))
    report("batch: no temporary file", not temporaries(out) and not temporaries(inp), "")

    rows = list(csv.DictReader(open(csv_path, newline="", encoding="utf-8")))
    report("batch: one CSV row per report", len(rows) == 3, str(rows))
    by = {os.path.basename(r["file"]): r for r in rows}
    h = by.get(names[0], {})
    meta = yaml.safe_load(good1)["meta"]
    dl = yaml.safe_load(good1)["implementation"]["deliverables"]["deliverables"]
    done = sum(1 for x in dl if x.get("status", "done") == "done")
    report("batch: CSV quoting survives a comma and quotes",
           h.get("title") == 'Harbour "Digital" Services, phase 1' and
           h.get("file", "").endswith(names[0]), str(h))
    report("batch: CSV metadata columns",
           h.get("status") == "ok" and h.get("project_code") == meta["project"]["code"] and
           h.get("funder") == meta["funder"]["name"] and
           h.get("decision") == meta["funder"]["decision"] and
           h.get("period_start") == "2022-09-01" and h.get("report_status") == "approved",
           str(h))
    report("batch: CSV deliverables done and total",
           h.get("deliverables") == str(len(dl)) and h.get("deliverables_done") == str(done),
           f"{h.get('deliverables_done')}/{h.get('deliverables')} vs {done}/{len(dl)}")
    v = by.get(names[1], {})
    report("batch: CSV budget per currency",
           v.get("planned_SEK") == "9600000.00" and v.get("actual_SEK") == "9484800.50" and
           v.get("variance_SEK") == "-115199.50" and v.get("planned_GBP") == "" and
           h.get("planned_GBP") == "1412000.00", str(v))
    report("batch: CSV goals met where both are numbers",
           v.get("goals_numeric") == "1" and v.get("goals_met") == "1" and
           h.get("goals_numeric") == "0", f"{v.get('goals_met')}/{v.get('goals_numeric')}")
    b = by.get("broken.yaml", {})
    report("batch: CSV row of the broken report",
           b.get("status") == "errors" and int(b.get("errors") or 0) >= 2 and
           b.get("pages") == "", str(b))

    # One worker, report after report with its fonts kept: the same bytes as cold.
    out5 = os.path.join(d, "out5")
    p = run(closeout, "batch", "-q", "--jobs", "1", "--out", out5, os.path.join(inp, names[0]),
            os.path.join(inp, names[1]))
    same = p.returncode == 0
    for name in names[:2]:
        base = name[:-5]
        q = run(closeout, "render", os.path.join(inp, name), "-o", os.path.join(d, "c.pdf"),
                "--xml", os.path.join(d, "c.xml"))
        same = same and q.returncode == 0 and \
            open(os.path.join(d, "c.pdf"), "rb").read() == \
            open(os.path.join(out5, base + ".pdf"), "rb").read()
    report("batch: a worker's second report is byte for byte a cold render", same, p.stderr)

    # An unreadable report is the worst: exit status 2, and the others still render.
    out2 = os.path.join(d, "out2")
    p = run(closeout, "batch", "-q", "--out", out2, os.path.join(inp, names[1]),
            os.path.join(inp, "missing.yaml"))
    report("batch: exit status 2 for a report that cannot be read", p.returncode == 2 and
           os.path.exists(os.path.join(out2, "vastkusten-energi.pdf")), p.stderr)
    # Two reports of one name into one --out: the second is refused, not overwritten.
    other = os.path.join(d, "other")
    os.makedirs(other)
    shutil.copy(os.path.join(inp, "broken.yaml"), os.path.join(other, "vastkusten-energi.yaml"))
    p = run(closeout, "batch", "--out", os.path.join(d, "out3"), os.path.join(inp, names[1]),
            os.path.join(other, "vastkusten-energi.yaml"))
    report("batch: two reports of one name into one folder", p.returncode == 2 and
           "would overwrite" in p.stderr, p.stderr)

    # A worker killed in the middle of a report: that one fails, with no file
    # left of it, another worker renders the rest.
    kin, kout = os.path.join(d, "kill-in"), os.path.join(d, "kill-out")
    os.makedirs(kin)
    shutil.copytree(os.path.join(REPORTS, "images"), os.path.join(kin, "images"))
    for i in range(6):
        shutil.copy(os.path.join(REPORTS, "resonate-final-report.yaml"),
                    os.path.join(kin, f"r{i}.yaml"))
    proc = subprocess.Popen([closeout, "batch", "--jobs", "1", "--out", kout, kin],
                            stderr=subprocess.PIPE, text=True)
    children = f"/proc/{proc.pid}/task/{proc.pid}/children"
    wait_for(lambda: os.path.exists(os.path.join(kout, "r0.pdf")))
    killed = False
    if wait_for(lambda: open(children).read().split() != [], timeout=5):
        os.kill(int(open(children).read().split()[0]), signal.SIGKILL)
        killed = True
    _, err = proc.communicate(timeout=LIMIT * 2)
    report("batch: a killed worker fails its report, the others render",
           killed and proc.returncode == 2 and "killed by signal 9" in err and
           re.search(r"5 rendered, 0 with errors, 1 failed", err) is not None, err)
    report("batch: a killed worker leaves no temporary file", not temporaries(kout),
           str(temporaries(kout)))

    # On a terminal: one progress line that redraws itself.
    m, s = pty.openpty()
    proc = subprocess.Popen([closeout, "batch", "--out", os.path.join(d, "out4"),
                             os.path.join(inp, names[1])], stderr=s, stdout=subprocess.DEVNULL)
    os.close(s)
    got = b""
    while True:
        try:
            chunk = os.read(m, 4096)
        except OSError:
            break
        if not chunk:
            break
        got += chunk
    proc.wait()
    os.close(m)
    text = got.decode("utf-8", "replace")
    report("batch: a progress bar on a terminal", "\r\x1b[K[" in text and "1/1" in text and
           "vastkusten-energi.yaml" in text and "\nok " not in text, repr(text))


def main():
    closeout, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    # Dated alike, so that outputs can be compared byte for byte.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1556236800")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    work = os.path.abspath(work)
    check_new(closeout, work)
    check_watch(closeout, work)
    check_batch(closeout, work)
    print(f"cli: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
