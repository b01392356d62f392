#!/usr/bin/python3
"""Checks that real content typesets well, from the outside (issue 12).

A report written for the test holds what broke the pages of real reports:
19 organisations and a 200-character title on the cover, a project name of
the "X Y -hanke" kind everywhere, web addresses in prose and in narrow
table columns, a table of 12 columns, surnames, short tables at page
breaks, key-value tables one after another.  Each check reads positions
from `pdftotext -bbox-layout` (lines and words as poppler finds them) or
from closeout's own `-t layout` dump.

Usage: check_typeset.py CLOSEOUT WORKDIR
"""
import os
import re
import subprocess
import sys
from html import unescape

passed = failed = 0


def report(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - typeset: {name}")
    else:
        failed += 1
        print(f"FAIL - typeset: {name}: {why}")


def run(*args, check=True, env=None):
    p = subprocess.run(args, capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
    return p


ORGS = [
    "Järvikylän kaupunki, elinvoimapalvelut", "Harjulan kunta, sivistystoimi",
    "Lammaslahden kunta, hyvinvointipalvelut",
    "Pohjois-Savon elinkeino-, liikenne- ja ympäristökeskus",
    "Järviseudun koulutuskuntayhtymä, Ammattiopisto Vaara",
    "Savonia-ammattikorkeakoulu Oy, hyvinvointiyksikkö", "Itä-Suomen yliopisto, yhteiskuntatieteiden laitos",
    "Kuopion Seudun Yrittäjät ry", "Järvikylän Nuorisoseura ry",
    "Pohjois-Savon sairaanhoitopiirin kuntayhtymä", "Kansaneläkelaitos, Itä-Suomen vakuutuspiiri",
    "Työ- ja elinkeinotoimisto, Pohjois-Savo", "Harjulan seurakuntayhtymä, diakoniatyö",
    "Lammaslahden Kehitysyhtiö Oy", "Suomen Punainen Risti, Savo-Karjalan piiri",
    "Mannerheimin Lastensuojeluliitto, Savon piiri", "Järvikylän Työttömät ry",
    "Osuuskunta Työtä Yhdessä", "Université Paris-Saclay, Laboratoire de Recherche en Informatique",
]
TITLE = ("Verkostosta Voimaa -rakennemuutoshanke: kuntien, järjestöjen, oppilaitosten ja "
         "yritysten yhteinen kehittämishanke nuorten työllistymisen, osallisuuden ja "
         "hyvinvoinnin vahvistamiseksi Järviseudulla")
assert 195 <= len(TITLE) <= 205, len(TITLE)
SHORT = 30
LONG = 16
URLS = [
    "https://www.rakennerahastot.fi/documents/10179/44186/kestavaa-kasvua-ja-tyota-2014-2020.pdf",
    "https://pxdata.stat.fi/PxWeb/pxweb/fi/StatFin/StatFin__tyonv/statfin_tyonv_pxt_12r5.px/table/tableViewLayout1/?loadedQueryId=tyonv_12r5&timeType=item",
    "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21874&kieli=fi#tulokset",
    "https://opendreamkit.org/2019/08/31/final-report-of-the-project/",
    "https://isabelle.in.tum.de/website-Isabelle2021/dist/Isabelle2021_linux.tar.gz",
]
BARE = ["opendreamkit.org", "isabelle.in.tum.de", "www.jarvikyla.fi/hankkeet/verkostosta-voimaa"]
SITES = ["tyollisyyspalvelut.jarvikyla.fi/nuoret/silta-tyoelamaan", "opendreamkit.org",
         "isabelle.in.tum.de/dist/Isabelle2021_linux.tar.gz", "hankesalkku.jarvikyla.fi"]

FILLER = ("Verkostosta Voimaa -rakennemuutoshanke kokosi seudun toimijat saman pöydän ääreen, "
          "ja Silta Työelämään -hankkeen kokemukset otettiin käyttöön alusta alkaen. ")


def prose_paragraph(i):
    """A justified paragraph with the -hanke names and web addresses in it."""
    url = URLS[i % len(URLS)]
    bare = BARE[i % len(BARE)]
    return (f"Vuonna {2019 + i % 4} Verkostosta Voimaa -rakennemuutoshanke järjesti "
            f"työpajoja, joiden aineistot ovat osoitteessa {url} ja lisäksi sivustolla "
            f"{bare}. Vastuuviranomainen seurasi Silta Työelämään -hankkeen ja Työn Polku "
            f"-hankkeen etenemistä kuukausittain, ja ohjausryhmä käsitteli tulokset "
            f"kokouksissaan. " + FILLER * (1 + i % 3))


def table_yaml(columns, rows, indent=6):
    pad = " " * indent
    out = [f"{pad}- table:", f"{pad}    columns: [{', '.join(columns)}]", f"{pad}    rows:"]
    for r in rows:
        out.append(f"{pad}      - [{', '.join(r)}]")
    return "\n".join(out)


def q(s):
    return '"' + s.replace('"', '\\"') + '"'


def make_report():
    orgs = "\n".join(f"    - {o}" for o in ORGS)
    paras = "\n\n".join("  " + prose_paragraph(i) for i in range(8))
    # Bare domains at every place in a line: some meet a line's end.
    paras += "\n\n" + "\n\n".join(
        "  Aineistot " + "ovat " * k + "sivustoilla opendreamkit.org ja isabelle.in.tum.de "
        "sekä hankesalkku.jarvikyla.fi, joita ylläpitää Järvikylän kaupunki." for k in range(0, 24))
    twelve = table_yaml(
        ["Kunta", "Viranomainen", "Naiset", "Miehet", "Yhteensä", "Työ", "Koulutus",
         "Muu", "Ei", "Kesto", "Tila", "Huomautus"],
        [[q(x) for x in (k, "Vastuuviranomainen" if k != "Kuopio" else "ELY:n vastuuviranomainen",
                          "12", "15", "27", "9", "8", "5", "5",
                          "6 kk", "valmis", "Jatkuu kuntakokeiluna vuoden 2023 loppuun, "
                          "minkä jälkeen toiminta siirtyy hyvinvointialueelle")]
         for k in ("Järvikylä", "Harjula", "Lammaslahti", "Kuopio")])
    refs = table_yaml(["Tekijät", "Nimeke", "Vuosi", "Verkko-osoite"],
                      [[q("Työ- ja elinkeinoministeriö"), q("Kestävää kasvua ja työtä"), q("2014"),
                        q(u)] for u in URLS])
    duty = ("vastasi työpaketin suunnittelusta, raportoinnista ja yhteistyöstä muiden "
            "osatoteuttajien kanssa koko hankkeen ajan")
    people = table_yaml(["Nimi", "Organisaatio", "Rooli", "Tehtävät", "Vastuualue"],
                        [[q(n), q(o), q(r), q(duty), q(duty)] for n, o, r in (
                            ("Hans Fangohr", "European XFEL", "työpaketin vetäjä"),
                            ("Katarzyna Wojciechowska-Grzybowska", "Itä-Suomen yliopisto", "tutkija"),
                            ("Marjaana Hämäläinen-Kukkonen", "Järvikylän kaupunki", "projektipäällikkö"),
                            ("Aleksanteri Kristoffersson", "Ammattiopisto Vaara", "kouluttaja"))])
    why = ("travel was replaced by remote meetings during the pandemic, and the savings were "
           "moved to the partners' personnel costs with the funder's consent")
    budget = table_yaml(["Cost category", "Planned", "Actual", "Underspending", "Explanation",
                         "Responsible unit"],
                        [[q(c), q("120 000"), q("98 500"), q("21 500"), q(why), q(why)]
                         for c in ("Personnel", "Travel", "Equipment")])
    about = ("hankkeen julkiset aineistot, tapahtumakalenteri, uutiset ja yhteystiedot sekä "
             "työpaikkaohjaajakoulutuksen materiaalit ladattavina tiedostoina")
    sites = table_yaml(["Sivusto", "Sisältö", "Ylläpitäjä", "Kohderyhmä", "Huomautus"],
                       [[q(u), q(about), q(about), q(about), q(about)] for u in SITES])
    kv1 = table_yaml(["Tieto", "Arvo"], [[q("Hankekoodi"), q("S21874")], [q("Kesto"), q("36 kk")]])
    kv2 = table_yaml(["Tieto", "Arvo"], [[q("Rahoittaja"), q("Pohjois-Savon ELY-keskus, elinkeinot, "
                                                           "työvoima, osaaminen ja kulttuuri -vastuualue")],
                                         [q("Ohjelma"), q("Kestävää kasvua ja työtä 2014–2020")]])
    # Tables after fillers of every length: some of them meet a page's foot.
    short = []
    for i in range(SHORT):
        short.append("      - " + q(FILLER * (1 + (i * 7) % 6)))
        short.append(table_yaml(["Vaihe", "Alkoi", "Päättyi"],
                                [[q(f"Vaihe {i}.{k}"), q("1.3.2019"), q("28.2.2020")]
                                 for k in range(1, 5)]))
    longs = []
    for i in range(LONG):
        longs.append("      - " + q(FILLER * (1 + (i * 5) % 7) + "Lisäksi. " * (i % 4)))
        longs.append(table_yaml(["Rivi", "Määrä", "Selite"],
                                [[q(f"Rivi {i}.{k}"), q(f"{k * 100}"), q("selite " * (1 + k % 3))]
                                 for k in range(1, 13)]))
    return f"""meta:
  title: {q(TITLE)}
  project: {{name: Verkostosta Voimaa -rakennemuutoshanke, code: S12345}}
  organisations:
{orgs}
  date: 2022-04-27
  status: final
  language: fi
summary: |
{paras}
sections:
  - title: Osallistujat kunnittain
    content:
{twelve}
  - title: Lähteet taulukkona
    content:
{refs}
  - title: Yhteyshenkilöt
    content:
{people}
  - title: Sivustot
    content:
{sites}
  - title: Budget table
    content:
{budget}
  - title: Perustiedot
    content:
{kv1}
{kv2}
  - title: Vaiheet
    content:
{chr(10).join(short)}
  - title: Pitkät taulukot
    content:
{chr(10).join(longs)}
"""


BLOCKS = {}


def bbox_lines(pdf):
    """Per page: (width, height, [lines]); a line is [(x0, y0, x1, y1, word)].
    BLOCKS[pdf] keeps the same lines by block (a paragraph, a table cell)."""
    out = run("pdftotext", "-bbox-layout", pdf, "-").stdout
    pages, blocks = [], []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        lines = []
        for bm in re.finditer(r"<block[^>]*>(.*?)</block>", m.group(3), re.S):
            block = []
            for lm in re.finditer(r"<line[^>]*>(.*?)</line>", bm.group(1), re.S):
                words = [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in
                         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                    r'yMax="([\d.]+)">(.*?)</word>', lm.group(1))]
                if words:
                    lines.append(words)
                    block.append(words)
            blocks.append(block)
        pages.append((float(m.group(1)), float(m.group(2)), lines))
    BLOCKS[pdf] = blocks
    return pages


def breaks_in(pdf, word):
    """Where "word" is broken over the lines of one block (a cell, a paragraph):
    the lengths of its pieces before each break.  poppler drops a soft hyphen
    at a line's end, and keeps a hyphen of the word's own."""
    found = []
    for block in BLOCKS[pdf]:
        pieces = [(l[-1][4], l2[0][4]) for l, l2 in zip(block, block[1:])]
        for a, b in pieces:
            a2 = a[:-1] if a.endswith("-") and not word[word.find(a[:-1]) + len(a) - 1:].startswith("-") \
                else a
            joined = a2 + b
            for start in range(len(word)):
                if word.startswith(a2, start) and word.startswith(joined[:len(word) - start], start) and \
                        len(a2) > 0 and start + len(a2) < len(word) and (start == 0 or a2 == a):
                    found.append(start + len(a2))
                    break
    return found


def dump_pages(closeout, src, env):
    """closeout -t layout: per page, (width, height, [text items (x, y, h, text)], [rects])."""
    p = run(closeout, "-q", "-t", "layout", "render", src, env=env, check=False)
    if p.returncode != 0:
        return []	# a closeout without the dump: the checks that need it fail
    out = p.stdout
    pages = []
    for line in out.splitlines():
        m = re.match(r"page \d+ ([\d.]+)x([\d.]+)", line)
        if m:
            pages.append((float(m.group(1)), float(m.group(2)), [], []))
            continue
        m = re.match(r'\s*text ([-\d.]+) ([-\d.]+) lines \d+\+\d+ h ([\d.]+) "(.*)"( ~\w+)?$', line)
        if m and pages:
            pages[-1][2].append((float(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(4)))
        m = re.match(r"\s*rect ([-\d.]+) ([-\d.]+) ([\d.]+)x([\d.]+)", line)
        if m and pages:
            pages[-1][3].append(tuple(float(g) for g in m.groups()))
    return pages


def main():
    closeout, work = sys.argv[1], os.path.abspath(sys.argv[2])
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1556236800")
    src = os.path.join(work, "typeset.yaml")
    open(src, "w").write(make_report())
    pdf = os.path.join(work, "typeset.pdf")
    p = run(closeout, "render", src, "-o", pdf, "--xml", os.path.join(work, "typeset.xml"),
            env=env, check=False)
    report("renders", p.returncode == 0, p.stderr.strip()[:400])
    if p.returncode != 0:
        return
    pages = bbox_lines(pdf)
    text = run("pdftotext", pdf, "-").stdout
    flat = re.sub(r"\s+", " ", text)

    # 1. Nothing outside its page; the organisations all on the cover, on the band.
    out = [(i + 1, w) for i, (pw, ph, lines) in enumerate(pages) for l in lines for w in l
           if w[0] < -0.5 or w[1] < -0.5 or w[2] > pw + 0.5 or w[3] > ph + 0.5]
    dp = dump_pages(closeout, src, env)
    # poppler clips what is off the page; closeout's own dump says where it was put.
    out += [(i + 1, t[3][:40]) for i, (pw, ph, items, rects) in enumerate(dp) for t in items
            if t[0] < -0.5 or t[1] < -0.5 or t[1] + t[2] > ph + 0.5]
    report("no text outside its page", not out, str(out[:5]))
    cover = " ".join(w[4] for l in pages[0][2] for w in l)
    # A line may end after a hyphen of the name itself ("Savo-" / "Karjalan").
    cover = re.sub(r"- ", "-", re.sub(r"\s+", " ", cover))
    missing = [o for o in ORGS if o not in cover and o not in flat[:4000]]
    report("all 19 organisations are on the cover", not missing, str(missing))
    band = max((r for r in dp[0][3] if r[0] == 0 and r[1] == 0), key=lambda r: r[3],
               default=None) if dp else None
    # On the band (white) or with the facts (dark): never over the band's edge.
    org_items = [t for t in dp[0][2] if any(o[:12] in t[3] for o in ORGS)] if dp else []
    over = [t for t in org_items if band is None or (t[1] < band[3] and t[1] + t[2] > band[3] + 0.5)
            or t[1] < 0]
    report("the organisations' lines are inside the band, or below it, never over its edge",
           band is not None and org_items and not over, f"band {band}, lines {over}")
    title_words = TITLE.split()
    report("the 200-character title is on the cover whole",
           all(w in cover for w in title_words), "title words missing")

    # 2. The running header: cut after a word, never inside one.
    heads, squeezed = [], []
    for pw, ph, lines in pages[2:]:
        top = [l for l in lines if l[0][1] < 60]
        if top:
            heads.append(" ".join(w[4] for w in top[0]))
            # Words cut away behind an ellipsis glyph still copy, squeezed into it.
            squeezed += [w[4] for w in top[0] if (w[2] - w[0]) < 1.2 * len(w[4].rstrip("…"))]
    bad = [h for h in heads if h.endswith("…") and not any(
        TITLE.startswith(h[:-1].rstrip()) and (TITLE[len(h[:-1].rstrip()):][:1] in (" ", ":", ",", "")
                                               ) for _ in [0])]
    report("the running header is cut after a word, with …", heads and not bad and not squeezed,
           f"{bad[:2]} of {heads[:2]}; squeezed {squeezed[:5]}")

    # 3, 4. Web addresses break only at their break points, never with a hyphen.
    addr = URLS + BARE + SITES
    broken, hyphened = [], []
    for pw, ph, lines in pages:
        for a, b in zip(lines, lines[1:]):
            end, start = a[-1][4], b[0][4]
            for u in addr:
                e = end.rstrip("\u00ad")
                if e.rstrip("-") in u and len(e) > 4 and (e + start) in u or \
                        (e.endswith("-") and e[:-1] + start in u and e[:-1] in u):
                    if end.endswith("\u00ad") or (end.endswith("-") and end[:-1] + start in u and
                                                    (end + start) not in u):
                        hyphened.append(end + "|" + start)
                    elif not (end[-1] in "/.?&=_#@" or start.startswith("-")):
                        broken.append(end + "|" + start)
                    break
    report("a web address breaks only after / . ? & = _ # or before -", not broken, str(broken[:6]))
    report("a web address is never hyphenated", not hyphened, str(hyphened[:6]))
    report("every web address is in the PDF whole, copied without break marks",
           all(u in re.sub(r"\s+", "", text) for u in URLS) and "\u200b" not in text and
           "\u2060" not in text, "an address is missing or holds U+200B/U+2060")

    # 5. Justified lines: no word space over twice the natural one.
    natural, ratios = [], []
    body = [l for pw, ph, lines in pages[2:4] for l in lines if l[0][1] > 70 and l[0][3] < ph - 70]
    left = min(l[0][0] for l in body)
    right = max(l[-1][2] for l in body)
    for l in body:
        gaps = [b[0] - a[2] for a, b in zip(l, l[1:])]
        if len(l) >= 4 and l[-1][2] < right - 60:
            natural.extend(gaps)
    natural.sort()
    nat = natural[len(natural) // 2] if natural else 2.7
    for l in body:
        gaps = [b[0] - a[2] for a, b in zip(l, l[1:])]
        if len(l) >= 4 and abs(l[-1][2] - right) < 1 and abs(l[0][0] - left) < 1:
            ratios.append((max(gaps) / nat, " ".join(w[4] for w in l)))
    worst = max(ratios, default=(0, ""))
    report("no justified line has a word space over twice the natural one",
           ratios and worst[0] <= 2.1, f"natural {nat:.2f} pt, worst {worst[0]:.2f}: {worst[1][:80]}")

    # 6. "X Y -hanke": no line ends in a lone hyphen, nor in "-ra-".
    lone = [" ".join(w[4] for w in l) for pw, ph, lines in pages for l in lines
            if l[-1][4] == "-" or re.fullmatch(r"-\w{1,3}-", l[-1][4])]
    report("no line ends in a lone hyphen or a stub after one ('Voimaa -', '-ra-')", not lone,
           str(lone[:3]))
    starts = sum(1 for pw, ph, lines in pages for l in lines if re.match(r"-\w+hank", l[0][4]))
    report("a '-hanke' word may begin a line with its hyphen", starts >= 1 or "-hanke" in flat,
           "no '-hanke' at a line start")

    # 7. Narrow cells: "Vastuuviranomainen" breaks at libvoikko's points only
    # (vas-tuu-vi-ran-o-mai-nen).
    splits = breaks_in(pdf, "Vastuuviranomainen") + breaks_in(pdf, "vastuuviranomainen")
    report("a long word in a narrow cell breaks at its hyphenation points",
           all(k in (3, 6, 8, 11, 12, 15) for k in splits), str(splits))
    # Where letters must part (no column is wide enough), 'check' says so at the cell.
    narrow = os.path.join(work, "narrow.yaml")
    word = "EURA2014S21874TL3ERITYISTAVOITE61"  # digits in it: no hyphenation point
    open(narrow, "w").write(
        "meta:\n  title: Kapea\n  project: {name: Kapea}\n  date: 2022-04-27\n  language: fi\n"
        "sections:\n  - title: Kapea\n    content:\n      - table:\n"
        f"          columns: [{', '.join(f'S{i}' for i in range(24))}]\n"
        f"          rows:\n            - [{', '.join([word] * 24)}]\n")
    c = run(closeout, "check", narrow, env=env, check=False)
    report("a word broken between letters is a warning of 'check' at its cell's line",
           re.search(r"narrow.yaml:12:\d+: warning: word broken between letters", c.stderr) is not None,
           c.stderr.strip()[:300])

    # 8. Header words whole where the table has room: "Underspending", "Organisaatio".
    split_heads = [(w, breaks_in(pdf, w)) for w in ("Underspending", "Organisaatio", "Viranomainen")]
    report("header words fit their columns whole", not any(b for w, b in split_heads),
           str(split_heads))

    # 10. Short tables keep together; a long one leaves three rows on each side.
    split = []
    for i in range(SHORT):
        ps = {n + 1 for n, (pw, ph, lines) in enumerate(pages) for l in lines
              if " ".join(w[4] for w in l).startswith(f"Vaihe {i}.")}
        if len(ps) > 1:
            split.append((i, sorted(ps)))
    report("a table of 4 rows is never split across pages", not split, str(split))
    few = []
    for i in range(LONG):
        rows_at = {}
        for n, (pw, ph, lines) in enumerate(pages):
            for l in lines:
                if re.fullmatch(rf"Rivi {i}\.\d+", " ".join(w[4] for w in l[:2])):
                    rows_at[n] = rows_at.get(n, 0) + 1
        counts = [v for k, v in sorted(rows_at.items())]
        if sum(counts) != 12 or (len(counts) > 1 and min(counts[0], counts[-1]) < 3):
            few.append((i, counts))
    report("a table of 12 rows splits with at least three rows on each side", not few, str(few))

    # 11. Surnames never hyphenated.
    names = ["Fangohr", "Wojciechowska-Grzybowska", "Hämäläinen-Kukkonen", "Kristoffersson"]
    # A break after the name's own hyphen ("Hämäläinen-" / "Kukkonen") is no hyphenation.
    hy = [(n, k) for n in names for k in breaks_in(pdf, n) if n[k - 1:k] != "-"]
    report("surnames in a name column are not hyphenated", not hy, str(hy))

    # 12. Two key-value tables one after the other share their column widths.
    def col2_x(label):
        # Cells are flows of their own to poppler: the next word at the same height.
        for pw, ph, lines in pages:
            ws = [w for l in lines for w in l]
            for w in ws:
                if w[4] == label:
                    right_of = [v for v in ws if abs(v[1] - w[1]) < 1 and v[0] > w[2]]
                    return round(min(v[0] for v in right_of), 1) if right_of else None
        return None
    x1, x2 = col2_x("Hankekoodi"), col2_x("Rahoittaja")
    report("consecutive tables of one shape line up", x1 is not None and x1 == x2, f"{x1} vs {x2}")

    # The 12 columns: every cell in the PDF, inside the page.
    report("a table of 12 columns has every header in the PDF",
           all(h in flat for h in ("Kunta", "Yhteensä", "Koulutus", "Huomautus", "Kesto", "Tila")),
           "headers missing")
    print(f"typeset: {passed} passed, {failed} failed")


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as e:
        report("runs", False, str(e))
    sys.exit(1 if failed else 0)
