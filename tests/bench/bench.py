#!/usr/bin/python3
"""make bench: generates inputs, times closeout and the text-only floor.

For each input: pages, median wall time over several whole-process runs
(start-up included), peak memory (max RSS), and the ratio to the floor.  The
runs go in rounds over all inputs and floors, so that drift in the machine's
speed touches them alike.  Targets are checked here, not in unit tests.
Then closeout watch's time from a save to the new PDF, and closeout batch
over 200 copies of the seed against 200 times the seed's floor.
Usage: bench.py CLOSEOUT FLOOR OUTDIR
"""
import os
import re
import statistics
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(ROOT, "reports", "keski-suomi-jarjestoyhteistyo.yaml")

# The seed's standard sections with their Finnish titles, in report order.
STANDARD = [
    ("summary", "Yhteenveto", []),
    ("current_state_and_goals", "Nykytila ja tavoitteet",
     [("current_state", "Nykytilan kuvaus"), ("requirements", "Vaatimukset"), ("goals", "Tavoitteet")]),
    ("implementation", "Toteutus",
     [("scope", "Työn sisältö ja laajuus"), ("deliverables", "Lopputuotokset"),
      ("exclusions", "Rajaukset"), ("benefits", "Hyödyt"), ("budget", "Kustannukset")]),
    ("organisation", "Organisointi", [("project_group", "Valmisteluryhmä"), ("stakeholders", "Sidosryhmät")]),
    ("risks", "Riskit", []),
    ("documentation", "Dokumentointi", []),
    ("lessons_and_proposals", "Opit ja kehittämisehdotukset",
     [("lessons", "Opit ja palaute"), ("proposals", "Kehittämisehdotukset")]),
    ("further_information", "Lisätietoja", []),
]
TYPED = {"goals", "deliverables", "risks", "documents", "lessons", "proposals", "contacts", "budget"}
OWN_TABLE = {"goals": "goals", "deliverables": "deliverables", "budget": "budget", "risks": "risks",
             "documentation": "documents", "lessons": "lessons", "proposals": "proposals",
             "further_information": "contacts"}


class Loader(yaml.SafeLoader):
    pass


class Dumper(yaml.SafeDumper):
    """closeout refuses anchors and aliases: write every repeat out in full."""
    def ignore_aliases(self, data):
        return True


# Keep dates and numbers as the author wrote them.
Loader.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t == "tag:yaml.org,2002:str"]
                                  for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def as_custom(key, title, value, subs, copy):
    """A standard section turned into a custom one with the same content."""
    sec = {"title": f"{title} {copy}" if copy else title}
    if isinstance(value, str):
        sec["text"] = value
        return sec
    if isinstance(value, list):
        sec[OWN_TABLE[key]] = value
        return sec
    subkeys = {skey for skey, _ in subs}
    for k, v in value.items():
        if k in ("text", "content") or (k in TYPED and k not in subkeys):
            sec[k] = v
    children = []
    for skey, stitle in subs:
        if skey in value:
            children.append(as_custom(skey, stitle, value[skey], [], None))
    if children:
        sec["sections"] = children
    return sec


def repeated(report, times):
    out = {"meta": dict(report["meta"]), "sections": []}
    out["meta"]["title"] = f"{report['meta']['title']} ({times}×)"
    for copy in range(1, times + 1):
        for key, title, subs in STANDARD:
            if key in report:
                out["sections"].append(as_custom(key, title, report[key], subs, copy))
    return out


def long_table(report, rows):
    out = {"meta": dict(report["meta"])}
    base = report["implementation"]["deliverables"]
    items = []
    for i in range(rows):
        d = dict(base[i % len(base)])
        d["description"] = f"{i + 1}. {d['description']}"
        items.append(d)
    out["implementation"] = {"deliverables": items}
    return out


def paragraphs(node, out):
    """Every prose paragraph and table text of a report, for the floor."""
    if isinstance(node, str):
        for p in re.split(r"\n\s*\n", node):
            p = " ".join(p.split())
            if len(p) > 0:
                out.append(p)
    elif isinstance(node, list):
        for v in node:
            paragraphs(v, out)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k != "meta":
                paragraphs(v, out)


def run_once(cmd):
    """Wall time, peak memory (MiB) and output of one whole-process run."""
    t0 = time.perf_counter()
    # closeout says what its steps took (layout, paint, finish).
    env = dict(os.environ, CLOSEOUT_TIMES="1")
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    t1 = time.perf_counter()
    out = p.stdout.read() + p.stderr.read()
    p.stdout.close()
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {out}")
    return t1 - t0, usage.ru_maxrss / 1024.0, out


def measure_all(jobs):
    """Runs every job its number of times, in rounds over all jobs, so that a
    machine whose speed drifts slows every input alike: the ratios between
    inputs (floor, per page) then hold.  Returns per job its median time, peak
    memory and last output."""
    times = {name: [] for name, _, _ in jobs}
    finish = {name: [] for name, _, _ in jobs}
    peaks = {name: 0.0 for name, _, _ in jobs}
    outs = {}
    for r in range(max(runs for _, _, runs in jobs)):
        for name, cmd, runs in jobs:
            if r < runs:
                t, peak, outs[name] = run_once(cmd)
                times[name].append(t)
                peaks[name] = max(peaks[name], peak)
                m = re.search(r"finish ([0-9.]+) s", outs[name])
                if m:
                    finish[name].append(float(m.group(1)))
    return {name: (statistics.median(times[name]), peaks[name], outs[name],
                   statistics.median(finish[name]) if finish[name] else None) for name in times}


def signature(path):
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def watch_latency(closeout, outdir, saves=15):
    """closeout watch on a copy of the seed: the median time from a save (a
    new file renamed over the old, as vim and gedit save) to the new PDF in
    place, polled every half millisecond; and the median of cold renders of
    the seed run between the saves, so that both see the machine alike."""
    d = os.path.join(outdir, "watch")
    os.makedirs(d, exist_ok=True)
    rep, pdf = os.path.join(d, "seed.yaml"), os.path.join(d, "seed.pdf")
    text = open(SEED, encoding="utf-8").read()
    open(rep, "w", encoding="utf-8").write(text)
    if os.path.exists(pdf):
        os.unlink(pdf)
    log = open(os.path.join(d, "watch.log"), "w")
    proc = subprocess.Popen([closeout, "watch", rep, "-o", pdf, "--xml",
                             os.path.join(d, "seed.xml")], stderr=log)
    lats, colds = [], []
    cold = [closeout, "render", SEED, "-o", os.path.join(d, "cold.pdf"), "--xml",
            os.path.join(d, "cold.xml")]
    try:
        t0 = time.perf_counter()
        while signature(pdf) is None:
            if time.perf_counter() - t0 > 30:
                raise RuntimeError("closeout watch wrote no PDF")
            time.sleep(0.01)
        for i in range(saves):
            colds.append(run_once(cold)[0])
            time.sleep(0.3)		# quiet, as between an author's saves
            before = signature(pdf)
            tmp = rep + ".new"
            # An author's edit: a sentence of the summary changed.
            open(tmp, "w", encoding="utf-8").write(
                text.replace("summary: |\n", f"summary: |\n  Tallennus {i}.\n\n", 1))
            t0 = time.perf_counter()
            os.rename(tmp, rep)
            while signature(pdf) == before:
                if time.perf_counter() - t0 > 30:
                    raise RuntimeError("closeout watch did not render after a save")
                time.sleep(0.0005)
            lats.append(time.perf_counter() - t0)
    finally:
        proc.send_signal(2)
        proc.wait()
        log.close()
    return statistics.median(lats), statistics.median(colds)


def batch_rate(closeout, outdir, floor_cmd, copies=200):
    """closeout batch over copies of the seed with its default workers (one
    per core): wall time for all of them, and the seed's floor as the median
    of runs just before and just after it."""
    src = os.path.join(outdir, "batch-in")
    dst = os.path.join(outdir, "batch-out")
    os.makedirs(src, exist_ok=True)
    os.makedirs(dst, exist_ok=True)
    text = open(SEED, encoding="utf-8").read()
    for i in range(copies):
        open(os.path.join(src, f"seed-{i:03d}.yaml"), "w", encoding="utf-8").write(text)
    floors = [run_once(floor_cmd)[0] for _ in range(5)]
    t0 = time.perf_counter()
    p = subprocess.run([closeout, "batch", "-q", "--out", dst, src], capture_output=True,
                       text=True)
    t = time.perf_counter() - t0
    if p.returncode != 0 or f"{copies} rendered" not in p.stderr:
        raise RuntimeError(f"closeout batch failed: {p.stderr}")
    floors += [run_once(floor_cmd)[0] for _ in range(5)]
    return t, statistics.median(floors)


# Inputs: name, how many runs, and whether the floor runs on its text too.
INPUTS = [("seed", 9, True), ("50x (400 sections)", 5, True),
          ("600-row table", 5, False), ("2000 pages", 3, True),
          ("40 paragraphs of 16 KiB", 3, False), ("the same in 100-word paragraphs", 3, False)]


LIMIT = 16 * 1024  # PROSE_MAX_PARAGRAPH (src/prose.h)


def long_paragraphs(report, words_per_paragraph):
    """The seed's words in 40 paragraphs just under the 16 KiB limit, or the
    same words in paragraphs of words_per_paragraph."""
    paras = []
    paragraphs(report, paras)
    words = " ".join(paras).split()
    text, big, n, i = [], [], 0, 0
    while len(big) < 40:
        w = words[i % len(words)]
        i += 1
        if n + len(w.encode()) + 1 > LIMIT - 16:
            big.append(text)
            text, n = [], 0
        text.append(w)
        n += len(w.encode()) + 1
    flat = [w for p in big for w in p]
    if words_per_paragraph:
        big = [flat[k:k + words_per_paragraph] for k in range(0, len(flat), words_per_paragraph)]
    return {"meta": report["meta"], "summary": "\n\n".join(" ".join(p) for p in big)}


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def generate(outdir):
    """Writes each input's YAML (but the seed's, which is in reports/) and
    the floor's paragraphs.  Runs in a process of its own: a benchmark
    process that held the 2,000-page report would make every run it starts
    slower to fork and report its memory as the child's."""
    report = yaml.load(open(SEED, encoding="utf-8"), Loader=Loader)
    data = {"seed": report, "50x (400 sections)": repeated(report, 50),
            "600-row table": long_table(report, 600), "2000 pages": repeated(report, 250),
            "40 paragraphs of 16 KiB": long_paragraphs(report, 0),
            "the same in 100-word paragraphs": long_paragraphs(report, 100)}
    for name, _, with_floor in INPUTS:
        if name != "seed":
            with open(os.path.join(outdir, slug(name) + ".yaml"), "w", encoding="utf-8") as f:
                yaml.dump(data[name], f, Dumper=Dumper, allow_unicode=True, sort_keys=False,
                          width=100)
        if with_floor:
            paras = []
            paragraphs(data[name], paras)
            open(os.path.join(outdir, slug(name) + ".txt"), "w",
                 encoding="utf-8").write("\n".join(paras) + "\n")


def main():
    if sys.argv[1] == "--generate":
        generate(sys.argv[2])
        return
    closeout, floor, outdir = sys.argv[1:4]
    os.makedirs(outdir, exist_ok=True)
    subprocess.run([sys.executable, __file__, "--generate", outdir], check=True)
    env_fonts = os.path.join(ROOT, "fonts", "fonts.conf")
    jobs = []
    for name, runs, with_floor in INPUTS:
        src = SEED if name == "seed" else os.path.join(outdir, slug(name) + ".yaml")
        pdf = os.path.join(outdir, slug(name) + ".pdf")
        xml = os.path.join(outdir, slug(name) + ".xml")
        jobs.append((name, [closeout, "render", src, "-o", pdf, "--xml", xml], runs))
        if with_floor:
            txt = os.path.join(outdir, slug(name) + ".txt")
            jobs.append((name + " floor",
                         [floor, env_fonts, txt, os.path.join(outdir, slug(name) + "-floor.pdf")],
                         runs))
    got = measure_all(jobs)
    rows = []
    for name, _, _ in INPUTS:
        t, mem, out, fin = got[name]
        pages = int(re.search(r"(\d+) pages", out).group(1))
        ft = fpages = None
        if name + " floor" in got:
            ft, _, fout, _ = got[name + " floor"]
            fpages = int(fout.strip())
        rows.append((name, pages, t, ft, fpages, mem, fin))

    print()
    print("| input | pages | time | of it PDF/A and PDF/UA | floor | ratio to floor | peak memory |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, pages, t, ft, fpages, mem, fin in rows:
        ratio = f"{t / ft:.2f}×" if ft else "–"
        fl = f"{ft:.3f} s ({fpages} p.)" if ft else "–"
        fs = f"{fin:.3f} s" if fin is not None else "–"
        print(f"| {name} | {pages} | {t:.3f} s | {fs} | {fl} | {ratio} | {mem:.1f} MiB |")
    # The coordinator's loop and the funder's batch, after the rounds above.
    watch, cold = watch_latency(closeout, outdir)
    copies = 200
    floor_cmd = [floor, env_fonts, os.path.join(outdir, "seed.txt"),
                 os.path.join(outdir, "seed-floor.pdf")]
    batch, seed_floor = batch_rate(closeout, outdir, floor_cmd, copies)
    print(f"| watch: a save to the new PDF (seed) | 9 | {watch:.3f} s | – | cold render "
          f"between saves {cold:.3f} s | {watch / cold:.2f}× cold render | – |")
    print(f"| batch of {copies} seeds, {os.cpu_count()} workers | {copies} × 9 | {batch:.3f} s "
          f"({copies / batch:.1f} reports/s) | – | {copies} × {seed_floor:.3f} s = "
          f"{copies * seed_floor:.3f} s (floor next to it) | {batch / (copies * seed_floor):.2f}× | – |")
    print()

    by = {r[0]: r for r in rows}
    seed, x50, table, big = by["seed"], by["50x (400 sections)"], by["600-row table"], by["2000 pages"]
    per50 = x50[2] / x50[1]
    longp, shortp = by["40 paragraphs of 16 KiB"], by["the same in 100-word paragraphs"]
    perlong, pershort = longp[2] / longp[1], shortp[2] / shortp[1]
    per2000 = big[2] / big[1]
    targets = [
        ("seed ≤ 0.10 s", seed[2] <= 0.10, f"{seed[2]:.3f} s"),
        ("seed ≤ 3× floor", seed[2] <= 3 * seed[3], f"{seed[2] / seed[3]:.2f}×"),
        ("50× ≤ 2.0 s", x50[2] <= 2.0, f"{x50[2]:.3f} s"),
        ("50× ≤ 2.2× floor", x50[2] <= 2.2 * x50[3], f"{x50[2] / x50[3]:.2f}×"),
        ("600-row table ≤ 0.4 s", table[2] <= 0.4, f"{table[2]:.3f} s"),
        ("50× peak memory ≤ 48 MiB", x50[5] <= 48, f"{x50[5]:.1f} MiB"),
        ("time per page at 2000 p. ≤ 1.2× that at 50×", per2000 <= 1.2 * per50,
         f"{per2000 * 1000:.2f} ms vs {per50 * 1000:.2f} ms"),
        ("a page of 16 KiB paragraphs ≤ 2× one of 100-word paragraphs", perlong <= 2 * pershort,
         f"{perlong * 1000:.2f} ms vs {pershort * 1000:.2f} ms"),
        ("16 KiB paragraphs' peak memory ≤ 256 MiB", longp[5] <= 256, f"{longp[5]:.1f} MiB"),
        ("watch: save to new PDF ≤ 50 ms", watch <= 0.050, f"{watch * 1000:.1f} ms"),
        ("watch: save to new PDF ≤ 0.6× a cold render", watch <= 0.6 * cold,
         f"{watch / cold:.2f}× ({cold * 1000:.1f} ms)"),
        (f"batch of {copies} ≤ {copies} × the floor", batch <= copies * seed_floor,
         f"{copies / batch:.1f} reports/s, {batch / (copies * seed_floor):.2f}× "
         f"{copies} floors"),
    ]
    for what, ok, got in targets:
        print(f"{'met ' if ok else 'MISS'}  {what}: {got}")
    print(f"{sum(ok for _, ok, _ in targets)} targets met, {sum(not ok for _, ok, _ in targets)} missed")


if __name__ == "__main__":
    main()
