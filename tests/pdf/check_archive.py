#!/usr/bin/python3
"""Checks the PDF's archival and accessibility claims from the outside (issue 13).

Every report under reports/ (and the one read from our XML), a report with a
PNG logo with alpha and one with an SVG logo that draws with transparency:

- rendered with --pdf-standard a-1b, Apache PDFBox Preflight finds 0 errors
  (tests/pdf/preflight.sh), the file is PDF 1.4 and claims pdfaid:part 1;
- rendered as they come (the default, PDF/A-2b), check_pdfa.py --part 2 and
  check_pdfua.py pass, and one XMP packet claims pdfaid 2B and pdfuaid 1;
- with a-3b, check_pdfa.py --part 3 passes, and the PDF carries the archival
  XML (/Alternative) and the YAML source (/Source), byte for byte as
  written, each with its MIME type, size, checksum and date, in /AF and
  /Names /EmbeddedFiles, sorted by name;
- with none, no PDF/A claim, no output intent, still PDF/UA;
- a screen reader gets words: the tagged text of the cover title, the
  contents entries ("1 Yhteenveto 3") and the numbered headings has spaces
  where the page shows them, and no running head or page number is in the
  tagged text (they are artifacts);
- the logo's alpha is flattened onto white (no soft mask), no image asks for
  interpolation, an SVG in PDF/A-1b is drawn as pixels;
- the template's pdf: standard key works, a wrong value is an error at its
  line, a wrong --pdf-standard a usage error; the same input gives the same
  bytes twice (SOURCE_DATE_EPOCH), attachments included; qpdf --check is
  clean.

Usage: check_archive.py CLOSEOUT WORKDIR
Needs java and libpdfbox2-java for Preflight (tools/install-deps.sh).
"""
import glob
import hashlib
import os
import re
import struct
import subprocess
import sys
import zlib

import pikepdf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tagged_text  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PY = "/usr/bin/python3"
passed = failed = 0


def report(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - archive: {name}")
    else:
        failed += 1
        print(f"FAIL - archive: {name}: {why}")


def run(*args, env=None):
    return subprocess.run(args, capture_output=True, text=True, env=env)


def render(closeout, src, pdf, *extra):
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1556236800"))
    p = run(closeout, "render", "-q", src, "-o", pdf, "--xml", pdf[:-4] + ".xml", *extra,
            env=env)
    if p.returncode != 0:
        raise RuntimeError(f"render {src} {extra}: exit {p.returncode}: {p.stderr}")
    return p


def xmp(pdf):
    with pikepdf.open(pdf) as doc:
        md = doc.Root.get("/Metadata")
        return md.read_bytes().decode("utf-8") if md is not None else ""


def claims(packet):
    """(pdfaid part, conformance, pdfuaid part) as the packet states them."""
    def one(name):
        m = re.search(rf"<{name}>([^<]*)</{name}>", packet) or \
            re.search(rf'{name}="([^"]*)"', packet)
        return m.group(1) if m else None
    return one("pdfaid:part"), one("pdfaid:conformance"), one("pdfuaid:part")


def png_rgba(path, w, h):
    """A logo: a blue disc on a transparent ground, its edge half transparent."""
    rows = b""
    for y in range(h):
        row = b"\x00"
        for x in range(w):
            d = ((x - w / 2) ** 2 + (y - h / 2) ** 2) ** 0.5
            a = 255 if d < h * 0.4 else 128 if d < h * 0.45 else 0
            row += bytes((20, 60, 160, a))
        rows += row

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" +
                           chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) +
                           chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


SVG_LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#1d4e89"/>
  <stop offset="1" stop-color="#1d4e89" stop-opacity="0.2"/></linearGradient></defs>
  <rect x="4" y="4" width="72" height="72" rx="12" fill="url(#g)"/>
  <circle cx="40" cy="40" r="26" fill="#f2a900" opacity="0.6"/>
  <text x="88" y="50" font-family="Lato" font-size="28" fill="#1d4e89">Järvikylä</text>
</svg>
"""


def logo_report(work, name, logo):
    src = os.path.join(work, name + ".yaml")
    open(src, "w").write(f"""meta:
  title: Järvikylän nuorisotakuu
  project: {{name: Nuorisotakuu Järvikylässä}}
  organisations: [Järvikylän kaupunki]
  date: 2024-01-31
  language: fi
  logo: {logo}
summary: |
  Hanke kokosi nuorten palvelut yhteen. Katso https://www.jarvikyla.fi/nuoret.
""")
    return src


def preflight(pdf):
    p = run("sh", os.path.join(HERE, "preflight.sh"), pdf)
    return p.returncode, (p.stdout + p.stderr).strip().splitlines()


def check_a1b(closeout, work, name, src):
    pdf = os.path.join(work, name + "-a1b.pdf")
    render(closeout, src, pdf, "--pdf-standard", "a-1b")
    rc, out = preflight(pdf)
    if rc == 2:
        report(f"{name}: Preflight runs", False, " / ".join(out[-5:]))
        return pdf
    report(f"{name} (a-1b): 0 errors in PDFBox Preflight", rc == 0, " / ".join(out[-6:]))
    head = open(pdf, "rb").read(8)
    part = claims(xmp(pdf))
    report(f"{name} (a-1b): PDF 1.4 claiming pdfaid 1B and pdfuaid 1",
           head == b"%PDF-1.4" and part == ("1", "B", "1"), f"{head!r} {part}")
    return pdf


def check_default(closeout, work, name, src):
    pdf = os.path.join(work, name + ".pdf")
    render(closeout, src, pdf)
    part = claims(xmp(pdf))
    report(f"{name}: the default claims pdfaid 2B and pdfuaid 1 in one packet",
           part == ("2", "B", "1"), str(part))
    p = run(PY, os.path.join(HERE, "check_pdfa.py"), pdf, "--part", "2")
    report(f"{name}: PDF/A-2b rules (check_pdfa.py)", p.returncode == 0,
           " / ".join(l for l in p.stdout.splitlines() if l.startswith("FAIL"))[:600])
    p = run(PY, os.path.join(HERE, "check_pdfua.py"), pdf)
    report(f"{name}: PDF/UA-1 machine checks (check_pdfua.py)", p.returncode == 0,
           " / ".join(l for l in p.stdout.splitlines() if l.startswith("FAIL"))[:600])
    p = run("qpdf", "--check", pdf)
    report(f"{name}: qpdf --check finds nothing", p.returncode == 0 and "WARNING" not in p.stdout
           + p.stderr, (p.stdout + p.stderr)[-300:])
    return pdf


def check_words(name, pdf, title, texts):
    """What a screen reader reads: words apart, no running heads."""
    with pikepdf.open(pdf) as doc:
        els = tagged_text.elements(doc)
        arts = tagged_text.artifact_text(doc)
        npages = len(doc.pages)
    squash = lambda s: re.sub(r"[\s\u00ad]+", " ", s).strip()  # noqa: E731
    h1 = [squash(t) for k, t, _ in els if k == "H1"]
    report(f"{name}: the cover title reads as its words", h1 and h1[0] == squash(title),
           f"{h1[:1]} vs {title!r}")
    toci = [squash(t) for k, t, _ in els if k == "TOCI"]
    bad = [t for t in toci if not re.match(r"^(\d+(\.\d+)* |Liite \d+ |Annex \d+ |Bilaga \d+ )?"
                                           r"\S.* \d+$", t)]
    report(f"{name}: each contents entry reads 'number title page' ({len(toci)})",
           toci and not bad, str(bad[:3]))
    heads = [squash(t) for k, t, _ in els if k in ("H1", "H2", "H3")]
    glued = [t for t in heads if re.match(r"^\d+(\.\d+)*[^\d\s.]", t)]
    report(f"{name}: numbered headings read 'number title'", not glued, str(glued[:3]))
    # The footer's "N / M" and the running head are artifacts, never read out.
    tagged = "\n".join(t for k, t, d in els if d > 0)
    feet = [f"{i} / {npages}" for i in range(2, npages + 1)]
    in_tags = [f for f in feet if f in tagged]
    in_art = [f for f in feet if any(f in a for a in arts)]
    report(f"{name}: page numbers are artifacts, not text ({len(in_art)} of {len(feet)})",
           not in_tags and len(in_art) == len(feet), f"tagged: {in_tags[:3]}")
    # Every word of the report's own text is read in order somewhere.
    missing = [t for t in texts if squash(t) not in squash(tagged).replace("\u00ad", "")]
    report(f"{name}: its paragraphs are in the tagged text", not missing, str(missing[:2]))


def check_abstract_langs(name, pdf):
    """Each abstract in another language is a Sect with that /Lang (the XML says which).

    An abstract that runs over a page break is a Sect on each page (docs/design.md).
    """
    xml = open(pdf[:-4] + ".xml", encoding="utf-8").read()
    want = sorted(re.findall(r'<section kind="abstract" xml:lang="([a-z]+)"', xml))
    got = []
    with pikepdf.open(pdf) as doc:
        todo = [doc.Root.StructTreeRoot.get("/K")]
        while todo:
            k = todo.pop()
            if isinstance(k, pikepdf.Array):
                todo.extend(k)
            elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
                if k.S == "/Sect" and "/Lang" in k:
                    got.append(str(k.Lang))
                todo.append(k.get("/K"))
    if want:
        report(f"{name}: each abstract's Sect has its /Lang ({', '.join(want)})",
               sorted(set(got)) == want, f"Sect /Lang {got}")


def images(pdf):
    """Every image XObject (on pages and in forms), with its dictionary."""
    out = []
    with pikepdf.open(pdf) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                out.append({k: str(v) for k, v in obj.stream_dict.items()
                            if k in ("/SMask", "/Interpolate", "/Width", "/ColorSpace")})
    return out


def check_attachments(closeout, work, name, src, yaml_input=True):
    pdf = os.path.join(work, name + "-a3b.pdf")
    render(closeout, src, pdf, "--pdf-standard", "a-3b")
    p = run(PY, os.path.join(HERE, "check_pdfa.py"), pdf, "--part", "3")
    report(f"{name} (a-3b): PDF/A-3b rules (check_pdfa.py --part 3)", p.returncode == 0,
           " / ".join(l for l in p.stdout.splitlines() if l.startswith("FAIL"))[:600])
    report(f"{name} (a-3b): claims pdfaid 3B", claims(xmp(pdf)) == ("3", "B", "1"),
           str(claims(xmp(pdf))))
    xml = open(pdf[:-4] + ".xml", "rb").read()
    want = {os.path.basename(pdf)[:-4] + ".xml": ("/Alternative", "/application/xml", xml)}
    if yaml_input:
        want[os.path.basename(src)] = ("/Source", "/application/yaml", open(src, "rb").read())
    with pikepdf.open(pdf) as doc:
        names = list(doc.Root.Names.EmbeddedFiles.Names)
        keys = [str(names[i]) for i in range(0, len(names), 2)]
        af = [str(fs.UF) for fs in doc.Root.AF]
        got = {}
        for i in range(0, len(names), 2):
            fs = names[i + 1]
            ef = fs.EF.F
            data = ef.read_bytes()
            prm = ef.Params
            got[str(fs.UF)] = (str(fs.AFRelationship), str(ef.Subtype), data)
            report(f"{name} (a-3b): {fs.UF}: /Params /Size, /CheckSum and /ModDate match",
                   int(prm.Size) == len(data) and bytes(prm.CheckSum) ==
                   hashlib.md5(data).digest() and str(prm.ModDate).startswith("D:2019"),
                   repr(prm))
    report(f"{name} (a-3b): the embedded files' names are sorted", keys == sorted(keys), str(keys))
    report(f"{name} (a-3b): /AF lists every embedded file", sorted(af) == sorted(keys), str(af))
    report(f"{name} (a-3b): the XML{' and the YAML' if yaml_input else ''} inside, byte for "
           "byte, with their relationship and MIME type", got == want,
           str({k: v[:2] for k, v in got.items()}))
    os.makedirs(os.path.join(work, "again"), exist_ok=True)
    again = os.path.join(work, "again", os.path.basename(pdf))
    render(closeout, src, again, "--pdf-standard", "a-3b")
    report(f"{name} (a-3b): the same bytes twice", open(pdf, "rb").read() ==
           open(again, "rb").read(), "outputs differ")


def main():
    closeout, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    if run("sh", "-c", "command -v java").returncode != 0 or \
            not os.path.exists("/usr/share/java/preflight.jar"):
        report("Preflight is installed (java, libpdfbox2-java)", False,
               "run sh tools/install-deps.sh")
        return 1

    sources = sorted(glob.glob(os.path.join(ROOT, "reports", "*.yaml")))
    for src in sources + sorted(glob.glob(os.path.join(ROOT, "reports", "*.xml"))):
        name = os.path.basename(src).replace(".", "-")
        check_a1b(closeout, work, name, src)
        check_abstract_langs(name, check_default(closeout, work, name, src))

    # The words a screen reader gets, in the seed's report and the English one.
    seed = os.path.join(ROOT, "reports", "keski-suomi-jarjestoyhteistyo.yaml")
    pdf = os.path.join(work, "keski-suomi-jarjestoyhteistyo-yaml.pdf")
    check_words("keski-suomi", pdf,
                "Järjestöyhteistyö Keski-Suomen maakunta- ja sote-uudistuksen valmistelussa",
                ["Keski-Suomen maakunta- ja sote-uudistuksen valmistelussa"])
    pdf = os.path.join(work, "resonate-final-report-yaml.pdf")
    check_words("resonate", pdf, "RESONATE", ["Research Software Open Network"])

    # Logos: a PNG with alpha, an SVG that draws with transparency.
    png_rgba(os.path.join(work, "logo-alpha.png"), 240, 80)
    open(os.path.join(work, "logo.svg"), "w").write(SVG_LOGO)
    for name, logo in (("png-alpha-logo", "logo-alpha.png"), ("svg-logo", "logo.svg")):
        src = logo_report(work, name, logo)
        a1 = check_a1b(closeout, work, name, src)
        a2 = check_default(closeout, work, name, src)
        imgs = images(a1) + images(a2)
        report(f"{name}: no soft mask, no /Interpolate ({len(imgs)} images)",
               imgs and not any("/SMask" in i or i.get("/Interpolate") == "True" for i in imgs),
               str(imgs))
        if name == "png-alpha-logo":
            # The disc's corner is white now: alpha was put on the page's white.
            p = run("pdfimages", "-f", "1", "-l", "1", a2, os.path.join(work, "logo-img"))
            ppm = sorted(glob.glob(os.path.join(work, "logo-img-*.ppm")))
            ok = False
            if ppm:
                data = open(ppm[0], "rb").read()
                m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
                w, h = int(m.group(1)), int(m.group(2))
                px = data[m.end():]
                corner = px[0:3]
                centre = px[3 * (h // 2 * w + w // 2):][:3]
                ok = corner == b"\xff\xff\xff" and centre == bytes((20, 60, 160))
            report(f"{name}: its alpha is flattened onto white", ok,
                   f"{ppm[:1]} corner/centre not white/blue")
        else:
            with pikepdf.open(a1) as doc:
                raster = any(isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
                             for o in doc.objects)
            report(f"{name}: drawn as pixels in PDF/A-1b (no transparency there)", raster)

    # a-3b: the XML and the source inside; a report read from our XML has one file.
    check_attachments(closeout, work, "keski-suomi", seed)
    # (the XML the first render wrote: reports/ has no XML in a clean clone)
    check_attachments(closeout, work, "keski-suomi-from-xml",
                      os.path.join(work, "keski-suomi-a3b.xml"), yaml_input=False)

    # none: no PDF/A claim and no output intent; still tagged for PDF/UA.
    pdf = os.path.join(work, "none.pdf")
    render(closeout, seed, pdf, "--pdf-standard", "none")
    with pikepdf.open(pdf) as doc:
        intents = "/OutputIntents" in doc.Root
    report("none: no pdfaid, no output intent, pdfuaid 1",
           claims(xmp(pdf)) == (None, None, "1") and not intents, f"{claims(xmp(pdf))} {intents}")
    p = run(PY, os.path.join(HERE, "check_pdfua.py"), pdf)
    report("none: PDF/UA-1 machine checks", p.returncode == 0, p.stdout[-300:])

    # The template's key, and what a wrong value gets.
    tdir = os.path.join(work, "tpl")
    os.makedirs(tdir, exist_ok=True)
    base = open(os.path.join(ROOT, "templates", "default.yaml")).read()
    m = re.search(r"^pdf:.*?(?=^\S|\Z)", base, re.S | re.M)
    report("templates/default.yaml has a pdf: key", m is not None)
    if m:
        for value, ok in (("a-1b", True), ("a-4f", False)):
            tpl = base[:m.start()] + f"pdf:\n  standard: {value}\n" + base[m.end():]
            open(os.path.join(tdir, "archive.yaml"), "w").write(tpl)
            src = os.path.join(tdir, "r.yaml")
            text = open(seed).read().replace("meta:\n", "meta:\n  template: archive.yaml\n", 1)
            open(src, "w").write(text)
            pdf = os.path.join(tdir, "r.pdf")
            p = run(closeout, "render", src, "-o", pdf, "--xml", pdf[:-4] + ".xml")
            if ok:
                report("template pdf: standard: a-1b makes PDF 1.4 claiming PDF/A-1b",
                       p.returncode == 0 and claims(xmp(pdf))[0] == "1" and
                       open(pdf, "rb").read(8) == b"%PDF-1.4", p.stderr[-300:])
            else:
                line = tpl[:tpl.index("a-4f")].count("\n") + 1
                report("template pdf: standard: a-4f is an error at its line, with the choices",
                       p.returncode == 1 and re.search(rf"archive\.yaml:{line}:\d+: error: .*a-4f",
                                                       p.stderr) is not None and
                       "a-2b" in p.stderr, p.stderr[-400:])
    p = run(closeout, "render", seed, "-o", os.path.join(work, "x.pdf"), "--pdf-standard", "a-2u")
    report("--pdf-standard a-2u is a usage error naming the choices",
           p.returncode == 2 and "a-1b, a-2b, a-3b or none" in p.stderr and
           not os.path.exists(os.path.join(work, "x.pdf")), p.stderr)

    print(f"archive: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
