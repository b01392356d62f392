#!/usr/bin/python3
"""Checks closeout's PDFs from the outside, with poppler-utils and qpdf.

Usage: check_pdf.py CLOSEOUT WORKDIR
Prints 'ok - NAME' / 'FAIL - NAME: why' per check and a last line
'N passed, M failed'; exits 1 if anything failed.
"""
import html
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = failed = 0


def report(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {name}")
    else:
        failed += 1
        print(f"FAIL - {name}: {why}")


def run(*args, check=True):
    p = subprocess.run(args, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def squash(s):
    """Text without white space or soft hyphens: line breaks cannot matter."""
    return re.sub(r"[\s\u00ad]+", "", s)


def page_texts(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))
    whole = run("pdftotext", "-layout", pdf, "-")
    pages = whole.split("\f")
    return pages[:n]


def body_text(pdf):
    """The text without the running header and footer (the outer 60 pt of each
    page), so that a paragraph crossing a page reads as one."""
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)",
                                run("pdfinfo", pdf)).groups())
    return run("pdftotext", "-x", "0", "-y", "60", "-W", str(int(w)), "-H", str(int(h) - 120),
               pdf, "-")


def render(closeout, yaml, out):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1556236800")
    p = subprocess.run([closeout, "render", "-q", yaml, "-o", out, "--xml", out + ".xml"],
                       capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError(f"render {yaml}: {p.stderr}")


def toc_entries(pages, last=4):
    """(number, title, page) from the contents pages, as the reader sees them:
    the pages after the cover (up to "last") most of whose lines are entries."""
    entries = []
    entry = re.compile(r"^\s*(\d+(?:\.\d+)*|Annex \d+|Liite \d+|Bilaga \d+)?\s*\S.*\s(\d+)\s*$")
    for k, text in enumerate(pages[1:last]):
        lines = [l for l in text.splitlines() if l.strip()]
        if k > 0 and sum(1 for l in lines if entry.match(l)) < len(lines) / 2:
            break
        for line in text.splitlines():
            if re.search(r"\d+\s*/\s*\d+\s*$", line):   # the footer "3 / 12"
                continue
            m = re.match(r"^\s*(\d+(?:\.\d+)*)\s+(.+?)\s*\.*\s+(\d+)\s*$", line)
            if m:
                title = re.sub(r"(\s*\.)+$", "", m.group(2)).strip()
                entries.append((m.group(1), title, int(m.group(3))))
    return entries


def check_toc(name, pages, expect_min, last=4):
    entries = toc_entries(pages, last)
    report(f"{name}: contents lists {expect_min}+ entries", len(entries) >= expect_min,
           f"found {len(entries)}")
    bad = []
    for number, title, page in entries:
        if page < 1 or page > len(pages):
            bad.append(f"{number} -> {page} (no such page)")
            continue
        want = squash(number + title)
        # The heading must be on that page, at the start of a line.
        lines = [squash(l) for l in pages[page - 1].splitlines()]
        if not any(l.startswith(want[:40]) for l in lines):
            bad.append(f"{number} {title} -> p.{page}")
    report(f"{name}: each contents entry's page holds its heading", not bad and entries,
           "; ".join(bad[:5]))
    return entries


def check_no_lonely_heading(name, pdf, entries):
    """No page's body ends with a heading: what follows a heading starts with it."""
    titles = {squash(n + t) for n, t, _ in entries}
    lonely = []
    for i, text in enumerate(body_text(pdf).split("\f")):
        lines = [squash(l) for l in text.splitlines() if l.strip()]
        if lines and lines[-1] in titles:
            lonely.append(f"p.{i + 1}: {lines[-1]}")
    report(f"{name}: no heading stands alone at the foot of a page", entries and not lonely,
           "; ".join(lonely[:3]))


def outline_count(pdf):
    data = json.loads(run("qpdf", "--json=2", "--json-key=outlines", pdf))

    def count(items):
        return sum(1 + count(i.get("kids", [])) for i in items)
    return count(data.get("outlines", []))


def link_annots(pdf):
    """(uri links, internal links) counted from the annotations."""
    data = json.loads(run("qpdf", "--json=2", "--json-key=qpdf", pdf))
    uri = dest = 0
    for obj in data["qpdf"][1].values():
        v = obj.get("value") if isinstance(obj, dict) else None
        if not isinstance(v, dict) or v.get("/Subtype") != "/Link":
            continue
        a = v.get("/A")
        if isinstance(a, dict) and a.get("/S") == "/URI":
            uri += 1
        elif "/Dest" in v or (isinstance(a, dict) and a.get("/S") == "/GoTo"):
            dest += 1
        elif isinstance(a, str):
            # Indirect action: resolve it.
            act = data["qpdf"][1].get("obj:" + a.replace(" R", "").replace(" ", " "), {})
            av = act.get("value", {})
            if av.get("/S") == "/URI":
                uri += 1
            else:
                dest += 1
    return uri, dest


def unescape(s):
    """Text of pdftotext -bbox output."""
    return html.unescape(s)


def check_no_stub_lines(name, pdf):
    """No paragraph or cell ends on the stub of a hyphenated word ("palau-" / "te").

    poppler's blocks are our paragraphs and cells; a last line of one word
    after a line that ends in a soft hyphen is a stub.
    """
    d = run("pdftotext", "-bbox-layout", pdf, "-")
    stubs, ends = [], 0
    for block in re.findall(r"<block.*?</block>", d, re.S):
        lines = []
        for x0, x1, body in re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>',
                                       block, re.S):
            words = [html.unescape(w) for w in re.findall(r"<word[^>]*>(.*?)</word>", body)]
            lines.append((float(x1) - float(x0), " ".join(words)))
        ends += sum(1 for _, t in lines if t.endswith("\u00ad"))
        if len(lines) >= 2 and lines[-2][1].endswith("\u00ad") and " " not in lines[-1][1]:
            stubs.append(lines[-2][1][-20:] + " / " + lines[-1][1])
    report(f"{name}: no paragraph or cell ends on the stub of a hyphenated word",
           ends > 0 and not stubs, f"{len(stubs)} stubs: {stubs[:3]}; {ends} hyphenated line ends")


def body_blocks(pdf):
    """Per page, the blocks of the body (not header or footer): lists of (x1, text) lines."""
    d = run("pdftotext", "-bbox-layout", pdf, "-")
    pages = []
    for page in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', d, re.S):
        height, blocks = float(page[0]), []
        for m in re.finditer(r'<block xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</block>', page[1], re.S):
            y = float(m.group(1))
            if y < 0.07 * height or y > 0.93 * height:
                continue
            lines = []
            for x1, body in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>',
                                       m.group(2), re.S):
                words = [html.unescape(w) for w in re.findall(r"<word[^>]*>(.*?)</word>", body)]
                lines.append((float(x1), " ".join(words)))
            blocks.append(lines)
        pages.append(blocks)
    return pages


def check_no_single_lines(name, pdf):
    """A paragraph that goes over a page leaves two lines at least on each side.

    The paragraphs are single sentences: a line that does not end in '.'
    goes on on the next page.
    """
    pages = body_blocks(pdf)
    breaks, bad = 0, []
    start = next((n for n, p in enumerate(pages) if p and p[0][0][1] == "1 Paragraphs"), len(pages))
    for n in range(start, len(pages) - 1):
        if not pages[n] or not pages[n + 1]:
            continue
        last, first = pages[n][-1], pages[n + 1][0]
        if last[-1][1].endswith("."):
            continue
        breaks += 1
        if len(last) < 2:
            bad.append(f"page {n + 1}: one line at the foot")
        if len(first) < 2:
            bad.append(f"page {n + 2}: one line at the top")
    report(f"{name}: no single line of a paragraph at a page's foot or top",
           breaks >= 5 and not bad, f"{breaks} paragraphs across pages; {bad[:4]}")


def check_line_steps(name, pdf, page, first, last, pitch, para):
    """Between the lines that start with "first" and "last" on "page", lines
    follow each other by the leading and paragraphs by the leading plus the
    paragraph space, as the template says."""
    d = run("pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), pdf, "-")
    lines = []
    for y, body in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', d, re.S):
        words = [unescape(w) for w in re.findall(r"<word[^>]*>(.*?)</word>", body)]
        lines.append((float(y), " ".join(words)))
    lines.sort()
    a = next((i for i, l in enumerate(lines) if l[1].startswith(first)), None)
    b = next((i for i, l in enumerate(lines) if l[1].startswith(last)), None)
    steps = [round(lines[i + 1][0] - lines[i][0], 2) for i in range(a + 1, b - 1)] if a is not None and b else []
    within = [x for x in steps if abs(x - pitch) < 0.1]
    between = [x for x in steps if abs(x - pitch - para) < 0.1]
    report(f"{name}: lines {pitch:.2f} pt apart, paragraphs {pitch + para:.2f} pt",
           len(within) >= 5 and len(between) >= 2 and len(within) + len(between) == len(steps),
           f"steps {steps}")


def check_common(name, pdf, pages, nsections):
    p = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
    report(f"{name}: qpdf --check finds no errors", p.returncode == 0,
           (p.stdout + p.stderr).strip()[-300:])
    info = run("pdfinfo", pdf)
    catalog = run("qpdf", "--show-object=trailer", pdf)
    report(f"{name}: the trailer carries a file identifier", "/ID" in catalog, catalog)
    root = re.search(r"/Root (\d+) 0 R", catalog)
    cat = run("qpdf", f"--show-object={root.group(1)}", pdf) if root else ""
    report(f"{name}: the catalog names the language and marks the PDF tagged",
           "/Lang" in cat and "/Marked true" in cat, cat)
    infoobj = re.search(r"/Info (\d+) 0 R", catalog)
    info_dict = run("qpdf", f"--show-object={infoobj.group(1)}", pdf) if infoobj else ""
    report(f"{name}: the information dictionary's dates are written D:YYYYMMDD…",
           re.search(r"/CreationDate \(D:\d{14}", info_dict) is not None, info_dict[:200])
    report(f"{name}: tagged PDF", re.search(r"Tagged:\s+yes", info) is not None)
    report(f"{name}: title in metadata", re.search(r"Title:\s+\S", info) is not None)
    fonts = run("pdffonts", pdf).splitlines()[2:]
    unembedded = [l for l in fonts if l.split()[-5] != "yes"]
    report(f"{name}: all fonts embedded ({len(fonts)} fonts)", fonts and not unembedded,
           "; ".join(unembedded))
    n = outline_count(pdf)
    report(f"{name}: one bookmark per heading ({nsections})", n == nsections, f"found {n}")
    footer = [p for p in pages[1:] if not re.search(rf"\b{len(pages)}\s*$", p.strip())]
    report(f"{name}: every page after the cover ends with 'page X / {len(pages)}'",
           not footer, f"{len(footer)} pages without")


def list_items(pdf):
    """The kinds of the kids of every LI element in the structure tree."""
    import pikepdf
    out = []
    with pikepdf.open(pdf) as doc:
        todo = [doc.Root.StructTreeRoot.get("/K")]
        while todo:
            k = todo.pop()
            if isinstance(k, pikepdf.Array):
                todo.extend(k)
            elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
                kids = k.get("/K")
                kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
                if k.S == "/LI":
                    out.append([str(c.S)[1:] for c in kids
                                if isinstance(c, pikepdf.Dictionary) and "/S" in c])
                todo.extend(kids)
    return out


def sections_in(xml):
    return len(re.findall(r"<section[ >]", open(xml, encoding="utf-8").read()))


def main():
    closeout, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)

    # The seed report: every sentence, contents, bookmarks, links.
    seed = os.path.join(ROOT, "reports", "keski-suomi-jarjestoyhteistyo.yaml")
    report("seed report is in reports/", os.path.exists(seed), seed)
    if os.path.exists(seed):
        pdf = os.path.join(work, "seed.pdf")
        render(closeout, seed, pdf)
        pages = page_texts(pdf)
        p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "seed", "sentences.py"),
                            "--pdf", pdf], capture_output=True, text=True)
        report("seed: every sentence and table cell of the seed is in the PDF",
               p.returncode == 0, p.stdout.strip()[-300:])
        check_no_lonely_heading("seed", pdf, check_toc("seed", pages, 19))
        check_common("seed", pdf, pages, sections_in(pdf + ".xml"))
        check_no_stub_lines("seed", pdf)
        uri, dest = link_annots(pdf)
        report("seed: web and e-mail links are clickable (3 documents, 2 e-mails)", uri >= 5, f"{uri} URI links")
        report("seed: contents entries are links (19)", dest >= 19, f"{dest} internal links")
        # Unused soft hyphens are not drawn, nor handed to the PDF as text:
        # only the hyphens that end a line may carry one.
        qdf = pdf + ".qdf"
        run("qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
        spans = open(qdf, "rb").read().count(b"/ActualText <feff00ad>")
        ends = sum(1 for line in "\n".join(pages).split("\n") if line.endswith("\u00ad"))
        report("seed: soft hyphens reach the PDF only where a line breaks",
               0 < ends and spans <= ends, f"{spans} soft-hyphen spans, {ends} lines ending in one")

    for other in ("harbour-digital-services", "vastkusten-energi", "silta-tyoelamaan",
                  "resonate-final-report"):
        path = os.path.join(ROOT, "reports", other + ".yaml")
        report(f"{other} is in reports/", os.path.exists(path), path)
        if not os.path.exists(path):
            continue
        pdf = os.path.join(work, other + ".pdf")
        render(closeout, path, pdf)
        pages = page_texts(pdf)
        check_no_lonely_heading(other, pdf, check_toc(other, pages, 8))
        check_common(other, pdf, pages, sections_in(pdf + ".xml"))
        check_no_stub_lines(other, pdf)
        # List items carry their label and body (Lbl, LBody), and no element is
        # left empty where a page break came before its first line.
        items = list_items(pdf)
        odd = [kids for kids in items if sorted(kids) != ["LBody", "Lbl"]]
        report(f"{other}: every list item is tagged LI with an Lbl and an LBody",
               len(items) >= 10 and not odd, f"{len(items)} LI, {len(odd)} other: {odd[:3]}")

    # Headings followed by tables, at every height of the page: a heading
    # always goes over with its table.
    rows = ["meta:", "  title: Tables after headings", "  project: {name: Test}",
            "  date: 2024-01-31", "  language: en", "sections:"]
    for i in range(1, 61):
        rows += [f"  - title: Part {i}", "    text: " + "Filler words here. " * (5 + i * 3),
                 "    sections:", f"      - title: Table of part {i}", "        deliverables:"]
        for j in range(4):
            rows += [f"          - description: Deliverable {i}.{j} with a few more words in it",
                     "            completed: 1/2024"]
    src = os.path.join(work, "tables.yaml")
    open(src, "w").write("\n".join(rows) + "\n")
    pdf = os.path.join(work, "tables.pdf")
    render(closeout, src, pdf)
    pages = page_texts(pdf)
    first = toc_entries(pages, 2)
    entries = check_toc("headings before tables", pages, 120, last=(first[0][2] if first else 2) - 1)
    check_no_lonely_heading("headings before tables", pdf, entries)

    # Paragraphs of every length, so that page breaks fall at every line of
    # them: none leaves a single line at the foot or the top of a page.
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()
    paras = []
    for i in range(160):
        n = 8 + (i * 37) % 113
        paras.append(" ".join(words[(i + j * 5) % len(words)] for j in range(n)) + ".")
    rows = ["meta:", "  title: Widows and orphans", "  project: {name: Test}", "  date: 2024-01-31",
            "  language: en", "sections:", "  - title: Paragraphs", "    text: |"]
    for para in paras:
        rows += ["      " + para, ""]
    src = os.path.join(work, "paragraphs.yaml")
    open(src, "w").write("\n".join(rows) + "\n")
    pdf = os.path.join(work, "paragraphs.pdf")
    render(closeout, src, pdf)
    check_no_single_lines("paragraphs of every length", pdf)

    # A heading too long for one line wraps in its own column: no word of
    # it starts left of its first word, under the number.
    title = "A very long custom section title that certainly does not fit on one line of the page at all"
    src = os.path.join(work, "long-heading.yaml")
    open(src, "w").write("meta:\n  title: Headings\n  project: {name: Test}\n  date: 2024-01-31\n"
                         "  language: en\nsections:\n  - title: " + title + "\n    text: Body text.\n")
    pdf = os.path.join(work, "long-heading.pdf")
    render(closeout, src, pdf)
    words = [(float(x0), float(y0), unescape(w)) for x0, y0, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>',
        run("pdftotext", "-bbox", "-f", "3", "-l", "3", pdf, "-"))]
    heading = [w for w in words if w[2] in title.split()]
    first = next((w for w in heading if w[2] == "A"), None)
    lines = {round(w[1]) for w in heading}
    left = [w for w in heading if first and w[0] < first[0] - 0.5]
    report("a heading that wraps keeps its lines in the title's column, right of the number",
           first is not None and len(lines) >= 2 and not left, f"{len(lines)} lines; left of it: {left[:3]}")

    # Another shipped house style, named by the report.
    src = os.path.join(work, "compact.yaml")
    text = open(os.path.join(ROOT, "reports", "harbour-digital-services.yaml"), encoding="utf-8").read()
    open(src, "w", encoding="utf-8").write(text.replace("  language: en\n", "  language: en\n  template: compact\n", 1))
    pdf = os.path.join(work, "compact.pdf")
    render(closeout, src, pdf)
    pages = page_texts(pdf)
    default_pages = page_texts(os.path.join(work, "harbour-digital-services.pdf"))
    check_line_steps("template 'compact'", pdf, 3, "1 Summary", "2 Current state", 9.5 * 1.28, 5)
    check_line_steps("default template", os.path.join(work, "harbour-digital-services.pdf"), 3,
                     "1 Summary", "2 Current state", 10.5 * 1.32, 6)
    report("template 'compact': its footer and fewer pages than the default",
           re.search(rf"Page 3 / {len(pages)}", pages[2]) is not None and len(pages) < len(default_pages),
           f"{len(pages)} pages against {len(default_pages)}")

    # A contents several pages long: every number still right, every entry a link.
    rows = ["meta:", "  title: Many sections", "  project: {name: Test}", "  date: 2024-01-31",
            "  language: en", "sections:"]
    for i in range(1, 61):
        rows += [f"  - title: Chapter number {i}", f"    text: Text of chapter {i}. " + "Words. " * (i % 9 * 30),
                 "    sections:",
                 f"      - {{title: First part of {i}, text: Part one.}}",
                 f"      - {{title: Second part of {i}, text: Part two.}}"]
    src = os.path.join(work, "many-sections.yaml")
    open(src, "w").write("\n".join(rows) + "\n")
    pdf = os.path.join(work, "many-sections.pdf")
    render(closeout, src, pdf)
    pages = page_texts(pdf)
    # The contents run from page 2 to the page before the one its first entry names.
    first = toc_entries(pages, 2)
    body = first[0][2] if first else 2
    entries = check_toc("many sections (180 contents entries)", pages, 180, last=body - 1)
    check_no_lonely_heading("many sections", pdf, entries)
    report("many sections: the contents fill several pages", body - 2 >= 3,
           f"{body - 2} contents pages")
    uri, dest = link_annots(pdf)
    report("many sections: every contents entry is a link", dest >= 180, f"{dest} internal links")
    check_common("many sections", pdf, pages, 180)

    # A cover logo beside the report: drawn on the cover, nowhere else.
    import struct
    import zlib

    def png(path, w, h):
        row = b"\x00" + b"".join(bytes((x * 2 % 256, 90, 160)) for x in range(w))
        raw = row * h

        def chunk(t, d):
            return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
        open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                               + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    png(os.path.join(work, "logo.png"), 120, 40)
    src = os.path.join(work, "logo.yaml")
    open(src, "w").write("meta:\n  title: Logo\n  project: {name: Test}\n  date: 2024-01-31\n"
                         "  language: en\n  logo: logo.png\nsummary: Text.\n")
    pdf = os.path.join(work, "logo.pdf")
    render(closeout, src, pdf)
    images = [l.split() for l in run("pdfimages", "-list", pdf).splitlines()[2:]]
    report("the cover logo is drawn on the cover only", [i[0] for i in images] == ["1"],
           f"images on pages {[i[0] for i in images]}")

    # Measured glyphs wait in a temporary file; with /tmp full the PDF is the same.
    if ROOT.startswith("/tmp/"):
        print("skip - a full /tmp: the repository itself is under /tmp")
    elif os.geteuid() == 0 and subprocess.run(["unshare", "-m", "true"]).returncode == 0:
        # Outside /tmp, which the test covers with a tiny file system.
        here = os.path.join(ROOT, "build", "tmp-full")
        os.makedirs(here, exist_ok=True)
        src = os.path.join(here, "many-sections.yaml")
        open(src, "w").write(open(os.path.join(work, "many-sections.yaml")).read())
        full = os.path.join(here, "tmp-full.pdf")
        env = dict(os.environ, SOURCE_DATE_EPOCH="1556236800")
        p = subprocess.run(["unshare", "-m", "sh", "-c",
                            'mount -t tmpfs -o size=64k tmpfs /tmp && exec "$@"', "sh",
                            closeout, "render", "-q", src, "-o", full, "--xml", full + ".xml"],
                           capture_output=True, text=True, env=env)
        same = p.returncode == 0 and run("pdftotext", full, "-") == \
            run("pdftotext", os.path.join(work, "many-sections.pdf"), "-")
        report("a full /tmp (64 KiB) gives the same PDF", same, p.stderr.strip())
    else:
        print("skip - a full /tmp: needs root and unshare")

    # Without the language's dictionary the report still renders, with a
    # warning that names the package (here an empty /usr/share/hyphen).
    if os.geteuid() == 0 and subprocess.run(["unshare", "-m", "true"]).returncode == 0:
        src = os.path.join(ROOT, "reports", "harbour-digital-services.yaml")
        out = os.path.join(work, "no-dictionary.pdf")
        p = subprocess.run(["unshare", "-m", "sh", "-c",
                            'mount -t tmpfs tmpfs /usr/share/hyphen && exec "$@"', "sh",
                            closeout, "render", src, "-o", out, "--xml", out + ".xml"],
                           capture_output=True, text=True)
        report("without hyphen-en-us: a warning names the package, the PDF is written",
               p.returncode == 0 and "warning: no hyphenation: the English (hyphen-en-us) "
               "dictionary is not installed" in p.stderr and os.path.exists(out), p.stderr.strip())
    else:
        print("skip - a missing dictionary: needs root and unshare")

    # An SVG logo, drawn through librsvg (loaded only when needed): red on the cover.
    open(os.path.join(work, "logo.svg"), "w").write(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="#ff0000"/></svg>')
    src = os.path.join(work, "logo-svg.yaml")
    open(src, "w").write("meta:\n  title: Logo\n  project: {name: Test}\n  date: 2024-01-31\n"
                         "  language: en\n  logo: logo.svg\nsummary: Text.\n")
    pdf = os.path.join(work, "logo-svg.pdf")
    render(closeout, src, pdf)
    ppm = subprocess.run(["pdftoppm", "-r", "20", "-f", "1", "-l", "1", pdf], capture_output=True).stdout
    head = ppm.split(b"\n", 3)
    w, h = map(int, head[1].split())
    px = head[3]
    red = sum(1 for i in range(0, w * h * 3, 3) if px[i] > 200 and px[i + 1] < 60 and px[i + 2] < 60)
    report("an SVG logo is drawn on the cover", red > 20, f"{red} red pixels")

    # A 300-row table: its header row on every page it spans.
    rows = ["meta:", "  title: Long table", "  project: {name: Test}", "  date: 2024-01-31",
            "  language: en", "implementation:", "  deliverables:"]
    for i in range(1, 301):
        rows.append(f"    - description: Deliverable row {i:03d} with some words to wrap "
                    + "the cell " * (i % 7))
        rows.append(f"      completed: {i % 12 + 1}/2023")
    src = os.path.join(work, "long-table.yaml")
    open(src, "w").write("\n".join(rows) + "\n")
    pdf = os.path.join(work, "long-table.pdf")
    render(closeout, src, pdf)
    pages = page_texts(pdf)
    spanned = [i for i, p in enumerate(pages) if re.search(r"Deliverable row \d{3}", p)]
    missing = [i + 1 for i in spanned if "Description" not in pages[i]]
    seen = set(re.findall(r"Deliverable row (\d{3})", "".join(pages)))
    report(f"300-row table spans {len(spanned)} pages with its header on each",
           len(spanned) >= 5 and not missing, f"no header on pages {missing}")
    report("300-row table: no row lost", len(seen) == 300, f"{len(seen)} rows found")

    # A row taller than a page is split across pages, never lost.
    big = " ".join(f"Solun lause numero {i} jatkuu sivulta toiselle." for i in range(1, 181))
    src = os.path.join(work, "tall-row.yaml")
    open(src, "w", encoding="utf-8").write(
        "meta:\n  title: Tall\n  project: {name: T}\n  date: 2019-04-26\n  language: fi\n"
        "summary:\n  content:\n    - table:\n        columns: [A, B]\n        rows:\n"
        f"          - [lyhyt, \"{big}\"]\n          - [toinen, viimeinen]\n")
    pdf = os.path.join(work, "tall-row.pdf")
    render(closeout, src, pdf)
    pages = page_texts(pdf)
    text = squash(body_text(pdf))
    lost = [i for i in range(1, 181) if not re.search(rf"(?<!\d){i}jatkuusivulta", text)]
    report(f"a row taller than a page spans {len(pages) - 2} pages, nothing lost",
           not lost and "viimeinen" in text and len(pages) >= 4, f"lost sentences {lost[:5]}")

    # A 200-letter Finnish compound in a cell stays inside its cell.
    word = ("maakunta" "järjestö" "yhteistyö" "kumppanuus" "pöytä" "valmistelu") * 4
    word = word[:200]
    src = os.path.join(work, "compound.yaml")
    open(src, "w", encoding="utf-8").write(
        "meta:\n  title: Compound\n  project: {name: Test}\n  date: 2019-04-26\n"
        "  language: fi\nsummary:\n  content:\n    - table:\n        columns: [Sana, Merkki]\n"
        f"        rows:\n          - [{word}, OIKEALLA]\n")
    pdf = os.path.join(work, "compound.pdf")
    render(closeout, src, pdf)
    html = run("pdftotext", "-bbox", pdf, "-")
    boxes = [(float(a), float(b), w) for a, b, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)]
    marker = [b for b in boxes if b[2] == "OIKEALLA"]
    pieces = [b for b in boxes if len(b[2]) >= 2 and squash(b[2]).rstrip("-\u00ad").lower()
              in word and b[2] not in ("Sana", "Merkki")]
    ok = bool(marker) and bool(pieces) and all(p[1] <= marker[0][0] for p in pieces)
    got = "".join(squash(p[2]).rstrip("-\u00ad") for p in pieces)
    report("200-letter compound stays inside its cell", ok,
           f"marker at {marker[0][0] if marker else None}, widest piece ends at "
           f"{max((p[1] for p in pieces), default=None)}")
    report("200-letter compound is printed whole", word in got, f"{len(got)} letters found")

    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
