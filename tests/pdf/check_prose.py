#!/usr/bin/python3
"""Checks the prose constructs in the PDF and the XML, from the outside.

A report written for the test holds every construct docs/format.md promises
for prose: lists nested four deep with items of several paragraphs, block
quotes, code, pipe tables, footnotes (one long), figures in PNG, JPEG and
SVG, cross-references to sections, tables, figures and notes.  Each check
looks at where poppler finds the text, the images and the links.

Usage: check_prose.py CLOSEOUT WORKDIR
"""
import os
import re
import subprocess
import sys
from html import unescape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = failed = 0


def report(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - prose: {name}")
    else:
        failed += 1
        print(f"FAIL - prose: {name}: {why}")


def run(*args, check=True, env=None):
    p = subprocess.run(args, capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
    return p


def words(pdf):
    """(page, x0, y0, x1, word) of every word poppler finds."""
    out = run("pdftotext", "-bbox", pdf, "-").stdout
    found, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>(.*?)</word>', line)
        if m:
            found.append((page, float(m.group(1)), float(m.group(2)), float(m.group(3)),
                          unescape(m.group(4))))
    return found


def page_of(ws, word, after=0):
    return next((w[0] for w in ws if w[4] == word and w[0] > after), None)


def first(ws, word):
    return next((w for w in ws if w[4] == word), None)


LONG_NOTE = " ".join(["This long note goes on and on so that it fills the foot of a page."] * 130)

REPORT = f"""meta:
  title: Prose
  project: {{name: Prose test}}
  date: 2024-01-31
  language: en
summary: |
  Opening paragraph with a first note[^a] and `monospace` code, and see [](#methods),
  [](#tab-costs), [](#fig-svg "page") and [the chart](#fig-png).

  - Alpha level one
    - Bravo level two
      - Charlie level three
        - Delta level four
  - Echo first paragraph of an item.

    Foxtrot second paragraph of the same item.

  > Golf quoted words from a user of the service.
  >
  > — Hotel Person, pilot user

  | Item | Amount |
  |------|-------:|
  | India | 1 |
  | Juliet | 2 200 |

  Raw <b>markup</b> stays as it is written.

  ![A bar chart of users per year](chart.png "Users per year"){{#fig-png}}

  [^a]: Kilo the first note, at the foot of its page.
sections:
  - title: Methods
    id: methods
    text: |
      Lima paragraph with the second note[^a] whose key is the same as the first one's.

      ![A photograph](photo.jpg "A photograph")

      [^a]: Mike the second note, numbered 2 through the report.
    content:
      - table:
          id: tab-costs
          caption: Costs
          columns: [Cost, Euro]
          rows:
            - [November, "10"]
      - figure:
          file: diagram.svg
          caption: The architecture
          alt: Three boxes in a row
          id: fig-svg
          width: 0.4
  - title: Long note
    text: |
      {"Filler sentence for the page. " * 60}

      Oscar carries a long note[^long] near the foot of the page.

      [^long]: {LONG_NOTE}
"""


def make_inputs(work):
    import struct
    import zlib

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    w, h = 300, 150
    raw = b"".join(b"\0" + b"".join(bytes(((x + y) % 256, y % 256, 150)) for x in range(w))
                   for y in range(h))
    open(os.path.join(work, "chart.png"), "wb").write(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
        chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    open(os.path.join(work, "diagram.svg"), "w").write(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100">'
        '<rect x="5" y="5" width="80" height="90" fill="#d22"/><rect x="110" y="5" width="80" '
        'height="90" fill="#2a2"/><rect x="215" y="5" width="80" height="90" fill="#22d"/></svg>')


def main():
    closeout, work = sys.argv[1], os.path.abspath(sys.argv[2])
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1556236800")
    make_inputs(work)
    # A JPEG made by poppler from a page of the PNG's PDF: no encoder of our own.
    seed = os.path.join(work, "seed.yaml")
    open(seed, "w").write("meta:\n  title: J\n  project: {name: J}\n  date: 2024-01-31\n"
                          "  language: en\nsummary: |\n  ![a chart](chart.png)\n")
    run(closeout, "-q", "render", seed, "-o", os.path.join(work, "seed.pdf"), "--xml",
        os.path.join(work, "seed.xml"), env=env)
    run("pdftoppm", "-jpeg", "-r", "30", "-f", "3", "-l", "3", "-singlefile",
        os.path.join(work, "seed.pdf"), os.path.join(work, "photo"))

    src = os.path.join(work, "prose.yaml")
    open(src, "w").write(REPORT)
    pdf, xml = os.path.join(work, "prose.pdf"), os.path.join(work, "prose.xml")
    p = run(closeout, "render", src, "-o", pdf, "--xml", xml, env=env, check=False)
    report("renders, with a warning for the raw HTML", p.returncode == 0 and
           re.search(r"prose.yaml:27:7: warning: raw HTML printed as text: '<b>'", p.stderr),
           p.stderr.strip()[:300])
    if p.returncode != 0:
        return
    ws = words(pdf)
    text = run("pdftotext", pdf, "-").stdout

    # Lists: four levels, each further right, with their own bullets.
    xs = [first(ws, w)[1] if first(ws, w) else None for w in ("Alpha", "Bravo", "Charlie", "Delta")]
    report("a list nested four deep steps right at each level",
           None not in xs and xs == sorted(xs) and len(set(round(x) for x in xs)) == 4, str(xs))
    report("each level has its bullet", all(b in text for b in ("•", "–", "◦", "▪")),
           "bullets missing")
    e, f = first(ws, "Echo"), first(ws, "Foxtrot")
    report("an item's second paragraph hangs under its first, not under the bullet",
           e and f and abs(e[1] - f[1]) < 0.5 and f[2] > e[2], f"{e} {f}")

    # Footnotes: numbered through the report, each on the page of its mark.
    kilo, lima, mike = page_of(ws, "Kilo"), page_of(ws, "Lima"), page_of(ws, "Mike")
    opening = page_of(ws, "Opening")
    report("a footnote is set on the page of its mark", kilo == opening, f"mark p.{opening}, note p.{kilo}")
    m = first(ws, "Mike")
    label = m and next((w for w in ws if w[0] == m[0] and abs(w[2] - m[2]) < 1 and w[3] < m[1]), None)
    report("footnotes are numbered through the report (the second [^a] is 2)",
           mike == lima and label is not None and label[4] == "2", f"lima p.{lima}, mike p.{mike}, {label}")
    long_pages = {w[0] for w in ws if w[4] == "fills"}
    oscar = page_of(ws, "Oscar")
    report("a very long footnote goes on onto the next page, from the page of its mark",
           len(long_pages) >= 2 and min(long_pages) == oscar, f"mark p.{oscar}, note on {sorted(long_pages)}")

    # Figures: numbered, each caption on its image's page.
    images = run("pdfimages", "-list", pdf).stdout.splitlines()[2:]
    img_pages = sorted({int(l.split()[0]) for l in images})
    cap1, cap2 = page_of(ws, "Users"), page_of(ws, "photograph")
    report("a PNG and a JPEG figure are in the PDF", len(images) >= 2, "\n".join(images))
    report("each figure's caption is on its image's page",
           cap1 in img_pages and cap2 in img_pages, f"captions p.{cap1}, p.{cap2}; images {img_pages}")
    report("figures are numbered 1, 2, 3", all(f"Figure {i}." in text for i in (1, 2, 3)), "numbers")
    jpeg = [l for l in images if " jpeg " in l]
    report("the JPEG is embedded as it is (DCT), not decoded", len(jpeg) == 1, "\n".join(images))

    # Cross-references: label and number, the page, links inside the report.
    svg_page = page_of(ws, "architecture")
    report("a cross-reference prints the target's label and number",
           "section 2" in text and "table 1" in text, "no 'section 2' or 'table 1'")
    report("a cross-reference with \"page\" names the page its target is on",
           re.search(rf"figure 3 on\s+page {svg_page}\b", text) is not None, f"figure 3 is on p.{svg_page}")
    q = run("qpdf", "--json=2", "--json-key=qpdf", pdf).stdout
    internal = len(re.findall(r'"/Dest"|"/D":', q))
    report("cross-references and footnote marks are links inside the report", internal >= 6,
           f"{internal} internal destinations")

    # Quote, code, table, raw HTML.
    report("a block quote and who said it", "Golf quoted words" in text and "— Hotel Person" in text,
           "quote missing")
    fonts = run("pdffonts", pdf).stdout
    report("code is set in the code font", "DejaVuSansMono" in fonts, fonts)
    india, juliet = first(ws, "India"), first(ws, "Juliet")
    one = india and next((w for w in ws if w[4] == "1" and w[0] == india[0] and abs(w[2] - india[2]) < 1), None)
    two = juliet and next((w for w in ws if w[4] == "200" and w[0] == juliet[0] and
                           abs(w[2] - juliet[2]) < 1), None)
    report("a pipe table's right-aligned column ends at one edge",
           one and two and abs(one[3] - two[3]) < 0.5, f"{one} {two}")
    report("raw HTML is printed as written", "<b>markup</b>" in text, "no '<b>markup</b>'")

    # The XML: valid, and the PDF from it the same bytes as from the YAML.
    xsd = os.path.join(ROOT, "schemas", "closeout-report-2.xsd")
    v = run("xmllint", "--noout", "--nonet", "--schema", xsd, xml, check=False)
    report("the XML is valid against the schema", v.returncode == 0, v.stderr[:300])
    xml_text = open(xml, encoding="utf-8").read()
    report("the XML keeps the structure: footnotes, figures with alt and SHA-256, cross-references",
           '<footnote number="1" label="a">' in xml_text and 'sha256="' in xml_text and
           "<alt>Three boxes in a row</alt>" in xml_text and '<xref ref="methods"></xref>' in xml_text,
           "structure missing")
    pdf2 = os.path.join(work, "prose-from-xml.pdf")
    run(closeout, "-q", "render", xml, "-o", pdf2, env=env)
    report("the PDF from the XML is the PDF from the YAML, byte for byte",
           open(pdf, "rb").read() == open(pdf2, "rb").read(), "they differ")


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as e:
        report("runs", False, str(e))
    print(f"prose: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
