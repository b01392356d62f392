"""The text of a tagged PDF as a screen reader gets it: each structure
element's marked content, in the structure tree's order, decoded through
the fonts' ToUnicode maps (cairo writes a Type0 font with Identity-H codes
and a ToUnicode CMap of bfchar and bfrange entries).  /ActualText, where
a marked sequence has one, stands for what it holds.

elements(pdf) -> [(type, text, depth)], artifact_text(pdf) -> [text per page].
Needs python3-pikepdf.
"""
import re

import pikepdf
from pikepdf import Array, Dictionary


def _cmap(font):
    m = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return m
    data = tu.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            m[int(a, 16)] = bytes.fromhex(b).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for a, b, c in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                  block):
            lo, hi = int(a, 16), int(b, 16)
            base = bytes.fromhex(c).decode("utf-16-be", "replace")
            for i in range(lo, hi + 1):
                m[i] = base[:-1] + chr(ord(base[-1]) + i - lo)
    return m


class _Fonts:
    def __init__(self):
        self.cache = {}

    def decode(self, s, font):
        key = font.objgen
        if key not in self.cache:
            self.cache[key] = (_cmap(font), font.get("/Subtype") == "/Type0")
        cm, two = self.cache[key]
        b = bytes(s)
        if two:
            return "".join(cm.get(int.from_bytes(b[i:i + 2], "big"), "")
                           for i in range(0, len(b) - 1, 2))
        return "".join(cm.get(c, chr(c)) for c in b)


def _shown(operands, op, font, fonts):
    if op == "TJ":
        return "".join(fonts.decode(x, font) for x in operands[-1]
                       if isinstance(x, pikepdf.String))
    return fonts.decode(operands[-1], font)


def _page_text(page, fonts):
    """{MCID: text} of the page, and the text painted inside /Artifact."""
    res = page.get("/Resources", Dictionary())
    fdict = res.get("/Font", Dictionary())
    out, art, stack, font = {}, [], [], None
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op)
        if o in ("BDC", "BMC"):
            mcid = actual = None
            if o == "BDC" and isinstance(operands[1], Dictionary):
                if "/MCID" in operands[1]:
                    mcid = int(operands[1].MCID)
                if "/ActualText" in operands[1]:
                    actual = str(operands[1].ActualText)
            stack.append((str(operands[0]), mcid, actual))
            if actual is not None:
                cur = next((m for _, m, _ in reversed(stack) if m is not None), None)
                if cur is not None:
                    out[cur] = out.get(cur, "") + actual
        elif o == "EMC":
            if stack:
                stack.pop()
        elif o == "Tf":
            font = fdict.get(str(operands[0]))
        elif o in ("Tj", "TJ", "'", '"') and font is not None:
            if any(a is not None for _, _, a in stack):
                continue
            text = _shown(operands, o, font, fonts)
            if any(tag == "/Artifact" for tag, _, _ in stack):
                art.append(text)
                continue
            cur = next((m for _, m, _ in reversed(stack) if m is not None), None)
            if cur is not None:
                out[cur] = out.get(cur, "") + text
    return out, "".join(art)


def elements(pdf):
    """(type, text, depth) of every structure element, depth first."""
    fonts = _Fonts()
    pages = {}
    for p in pdf.pages:
        pages[p.objgen] = _page_text(p, fonts)[0]
    res = []

    def text_of(k, pg):
        if isinstance(k, Array):
            return "".join(text_of(x, pg) for x in k)
        if isinstance(k, int):
            return pages.get(pg, {}).get(int(k), "") if pg else ""
        if isinstance(k, Dictionary):
            p2 = k.Pg.objgen if "/Pg" in k else pg
            if "/S" in k:
                return text_of(k.get("/K"), p2)
            if "/MCID" in k:
                return pages.get(p2, {}).get(int(k.MCID), "")
        return ""

    def walk(k, depth):
        if isinstance(k, Array):
            for x in k:
                walk(x, depth)
        elif isinstance(k, Dictionary) and "/S" in k:
            pg = k.Pg.objgen if "/Pg" in k else None
            res.append((str(k.S)[1:], text_of(k.get("/K"), pg), depth))
            walk(k.get("/K"), depth + 1)

    walk(pdf.Root.StructTreeRoot.get("/K"), 0)
    return res


def artifact_text(pdf):
    """The text painted as /Artifact, one string per page."""
    fonts = _Fonts()
    return [_page_text(p, fonts)[1] for p in pdf.pages]
