#!/usr/bin/python3
"""Word recall: every word the author wrote is in the PDF and in the XML.

For every report in reports/ and tests/golden/, each word of each text the
author wrote (prose, table cells, typed fields, metadata) must be found in
the text poppler extracts from the PDF, and in the archival XML.  Values
that closeout shows in another form (dates, amounts, enumerations) and
what is not printed (file names, ids, link targets) are left out; alt texts
are looked for in the XML only.  A word lost by the typesetter or the XML
writer, or a construct that drops its content, fails the check.

Usage: check_recall.py CLOSEOUT WORKDIR
"""
import glob
import html
import os
import re
import subprocess
import sys
import unicodedata

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = failed = 0

# Shown in another form, or not printed at all.
TYPED = {"date", "completed", "due", "delivered", "revised", "year", "planned", "actual",
         "amount", "status", "likelihood", "impact", "priority", "publicity", "language",
         "currency", "start", "end", "template", "logo", "emblem", "file", "id", "width",
         "widths", "align", "span", "total", "closeout", "version", "doi", "url", "link",
         "email"}
XML_ONLY = {"alt", "emblem_alt"}


def report(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - recall: {name}")
    else:
        failed += 1
        print(f"FAIL - recall: {name}: {why}")


def strip_markup(s):
    """The words of a CommonMark text as a reader sees them."""
    s = re.sub(r"^\s*\[\^[^\]]+\]:", " ", s, flags=re.M)      # footnote definitions
    s = re.sub(r"\[\^[^\]]+\]", " ", s)                         # footnote marks
    s = re.sub(r"\{#[^}]*\}", " ", s)                           # {#id}
    s = re.sub(r"!\[([^\]]*)\]\(([^)\s]*)(\s+\"([^\"]*)\")?\)", r" \4 ", s)  # figures: caption
    s = re.sub(r"\[([^\]]*)\]\(#[^)]*\)", r" \1 ", s)            # cross-references: their text
    s = re.sub(r"\[([^\]]*)\]\((https?://|mailto:)[^)]*\)", r" \1 ", s)  # links: their text
    s = re.sub(r"<(https?://[^>]*)>", r" \1 ", s)
    return s


def words(s):
    """Words of three letters or more (no digits alone, no URLs' pieces)."""
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"https?://\S+|www\.\S+|\S+@\S+", " ", s)
    return [w for w in re.findall(r"[^\W\d_]{3,}", s)]


def texts(node, key=None, out=None):
    """(key, text) of every string the author wrote under "node"."""
    if out is None:
        out = []
    if isinstance(node, dict):
        for k, v in node.items():
            texts(v, k, out)
    elif isinstance(node, list):
        for v in node:
            texts(v, key, out)
    elif isinstance(node, str) and key not in TYPED:
        out.append((key, node))
    return out


def normalized(s):
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u00ad\n", "").replace("\u00ad", "").replace("\u00a0", " ")
    return s


def pdf_text(pdf):
    """The PDF's words as poppler places them, and each word that ends a line
    on a soft hyphen or a hyphen of its own joined with the words that can
    follow it: those starting the next line under it (a table's cells share
    poppler's lines) or the top of the next page.  Plain pdftotext joins
    "fresh-" / "water" as "freshwater"; here both survive."""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         text=True).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        pages.append([(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
                      re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                 r'yMax="([\d.]+)">(.*?)</word>', page)])
    parts = [w[4] for ws in pages for w in ws]
    for n, ws in enumerate(pages):
        top = [v for v in (pages[n + 1] if n + 1 < len(pages) else []) if 60 < v[1] < 120]
        for w in ws:
            if not w[4].endswith(("\u00ad", "-")):
                continue
            h = w[3] - w[1]
            below = [v for v in ws if w[1] + 0.5 * h < v[1] < w[1] + 2.5 * h and
                     v[0] <= w[2] + 1]
            for v in below + top:
                parts.append(w[4].rstrip("\u00ad") + v[4])
                parts.append(w[4].rstrip("\u00ad-") + v[4])
    return normalized(" ".join(parts))


def missing(wanted, have):
    have_words = set(words(have))
    return sorted({w for w in wanted if w not in have_words})


def main():
    closeout, work = sys.argv[1], os.path.abspath(sys.argv[2])
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1556236800")
    sources = sorted(glob.glob(os.path.join(ROOT, "reports", "*.yaml")) +
                     glob.glob(os.path.join(ROOT, "tests", "golden", "*.yaml")))
    for src in sources:
        name = os.path.relpath(src, ROOT)
        base = os.path.join(work, os.path.basename(src)[:-5])
        p = subprocess.run([closeout, "-q", "render", src, "-o", base + ".pdf", "--xml",
                            base + ".xml"], capture_output=True, text=True, env=env)
        if p.returncode != 0:
            report(f"{name}: renders", False, p.stderr.strip()[:200])
            continue
        data = yaml.safe_load(open(src, encoding="utf-8"))
        pdf_words, xml_words = [], []
        for key, text in texts(data):
            ws = words(strip_markup(text))
            xml_words += ws
            if key not in XML_ONLY:
                pdf_words += ws
        pdf = pdf_text(base + ".pdf")
        raw = open(base + ".xml", encoding="utf-8").read()
        # Text and attribute values (a fact's label, an author's role) both count.
        xml = normalized(html.unescape(re.sub(r"<[^>]*>", " ", raw) + " " +
                                       " ".join(re.findall(r'="([^"]*)"', raw))))
        m = missing(pdf_words, pdf)
        report(f"{name}: every word is in the PDF ({len(set(pdf_words))} words)", not m,
               f"{len(m)} missing: {m[:12]}")
        m = missing(xml_words, xml)
        report(f"{name}: every word is in the XML ({len(set(xml_words))} words)", not m,
               f"{len(m)} missing: {m[:12]}")
    print(f"recall: {passed} passed, {failed} failed")


if __name__ == "__main__":
    main()
    sys.exit(1 if failed else 0)
