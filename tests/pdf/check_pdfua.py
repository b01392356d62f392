#!/usr/bin/python3
"""Checks a PDF against the machine-checkable conditions of PDF/UA-1 (ISO
14289-1) as the Matterhorn Protocol 1.1 numbers them ("01-005", "28-012"),
each with the matching rule of veraPDF's PDF_UA/PDFUA-1.xml profile ("UA1
7.1-3") where it has one.

Usage: check_pdfua.py FILE.pdf

It walks the structure tree from the catalog's StructTreeRoot, and every page's
content stream (with pikepdf.parse_content_stream, following the Form XObjects
that a Do invokes), and checks:

  (a) 01-005  every painted operator (text shown with Tj TJ ' ", a path painted
              with f F f* B B* b b* S s, a shading sh, an image drawn with Do
              or inline) lies in a marked-content sequence that is either
              tagged (its MCID is reached from the structure tree) or an
              /Artifact; content of a Form XObject invoked inside one counts
              as covered (a form's Do is not counted itself: the painted
              operators inside it are, against the form's own marked content
              and the MCRs with /Stm that reach it). Also 01-003 / 01-004
              (artifacts and tagged content nested in each other), and MCIDs
              in the content that no structure element reaches.
  (b) 28-012  every Link annotation has /Contents; 28-011 it is referenced by
              an OBJR from a Link structure element, and that element also
              holds marked content that paints something (its text).
  (c) 15-003  every TH has a Scope attribute (/A, a dictionary or an array of
              them, with /O /Table), unless its table uses Headers.
  (d) 13-004  every Figure has /Alt (or /ActualText).
  (e)         the StructTreeRoot has exactly one child, a Document element
              (PDF/UA-2 8.2.5.2-1 and ISO 32000-2 Annex L; PDF/UA-1 does not
              demand it, but its readers and validators expect it).
  (f) 28-008/009  every page that has /Annots has /Tabs /S.
  (g) 01-00x, 11-001, 07-001/002, 06-001/002/003  the catalog has /MarkInfo
              /Marked true, /Lang, /ViewerPreferences /DisplayDocTitle true;
              the catalog's XMP has dc:title and pdfuaid:part = 1.
  (h) 09-006  Link elements that are direct children of TOC (TOC may hold
              only TOC, TOCI and Caption: ISO 32000-1 Table 333, UA1 7.2-27),
              and of them those that are empty (hold no painted content).
  (i) 09-006  TOCI elements that contain their Link (as a descendant, inside
              a Reference or P: Table 333 gives TOCI the kids Lbl, Reference,
              NonStruct, P and TOC, so a Link directly under TOCI fails too).
  Also 02-001/003/004 (role map) and the structure elements' /P (UA1 7.1-12).

Prints the counts of each check, one FAIL line per kind of failure with
examples (page number, object id), and "check_pdfua: N passed, M failed" over
the checks. Exits 0 only if every check passes, 1 otherwise, 2 if the file
cannot be read. Needs python3 and python3-pikepdf (Debian) only.
"""
import collections
import re
import sys
import xml.dom.minidom
import xml.parsers.expat

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_PDFUAID = "http://www.aiim.org/pdfua/ns/id/"

# Standard structure types of ISO 32000-1 14.8.4 (PDF 1.7).
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody
TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT
WP Figure Formula Form""".split())

PAINT_TEXT = {"Tj", "TJ", "'", '"'}
PAINT_PATH = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s"}

# ---------------------------------------------------------------- results


class Checks:
    """Named checks, each passed or failed, and failure kinds with examples."""

    def __init__(self):
        self.order = []
        self.failed = set()
        self.fails = collections.OrderedDict()     # (check, msg) -> [n, examples]

    def check(self, cid):
        if cid not in self.order:
            self.order.append(cid)

    def fail(self, cid, msg, example="", n=1):
        self.check(cid)
        self.failed.add(cid)
        entry = self.fails.setdefault((cid, msg), [0, []])
        entry[0] += n
        if example and len(entry[1]) < 4:
            entry[1].append(example)


C = Checks()


def name(x):
    return str(x) if isinstance(x, Name) else None


def as_list(x):
    if x is None:
        return []
    return list(x) if isinstance(x, Array) else [x]


def og(obj):
    """A key for an object: its (num, gen), or id() for a direct object."""
    try:
        n = obj.objgen
    except Exception:
        return ("direct", id(obj))
    return n if n != (0, 0) else ("direct", id(obj))


def ref(obj):
    try:
        n, g = obj.objgen
    except Exception:
        return ""
    return f"obj {n} {g}" if n else "direct"


# ---------------------------------------------------------------- text for examples


def parse_tounicode(stream):
    """A small ToUnicode CMap reader (bfchar and bfrange) for the examples:
    {code bytes: str}."""
    m = {}
    try:
        data = stream.read_bytes().decode("latin-1")
    except Exception:
        return m

    def uni(h):
        try:
            return bytes.fromhex(h).decode("utf-16-be", "replace")
        except ValueError:
            return "?"

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            m[bytes.fromhex(src)] = uni(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            a, b, w = int(lo, 16), int(hi, 16), len(lo) // 2
            if rest.startswith("["):
                for i, d in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    m[(a + i).to_bytes(w, "big")] = uni(d)
            else:
                base = int(rest[1:-1] or "0", 16)
                blen = max(len(rest) - 2, 4) // 2
                for i in range(min(b - a + 1, 65536)):
                    try:
                        m[(a + i).to_bytes(w, "big")] = (base + i).to_bytes(
                            blen, "big").decode("utf-16-be", "replace")
                    except OverflowError:
                        break
    return m


class FontText:
    """Decodes shown strings well enough to quote them in an example."""

    def __init__(self):
        self.cache = {}

    def decode(self, font, raw):
        if not isinstance(font, Dictionary):
            return raw.decode("latin-1", "replace")
        key = og(font)
        if key not in self.cache:
            tu = font.get("/ToUnicode")
            cmap = parse_tounicode(tu) if isinstance(tu, Stream) else {}
            width = 2 if name(font.get("/Subtype")) == "/Type0" else 1
            self.cache[key] = (cmap, width)
        cmap, width = self.cache[key]
        out = []
        for i in range(0, len(raw) - width + 1, width):
            code = raw[i:i + width]
            if code in cmap:
                out.append(cmap[code])
            elif width == 1:
                out.append(code.decode("cp1252", "replace"))
            else:
                out.append("?")
        return "".join(out)


# ---------------------------------------------------------------- structure tree


class Elem:
    def __init__(self, d, parent):
        self.d = d
        self.parent = parent
        self.raw = name(d.get("/S")) or "?"
        self.std = None                 # standard type after the role map
        self.kids = []                  # child Elems
        self.mcids = []                 # content keys (see Content)
        self.objrs = []                 # og() of objects referenced by OBJR
        self.page = None                # 1-based page number, where known

    def where(self):
        p = f"page {self.page} " if self.page else ""
        return f"{p}{self.raw[1:]} {ref(self.d)}".strip()


class Tree:
    """The structure tree: its elements, and the content they reach."""

    def __init__(self, pdf, page_no):
        self.root = pdf.Root.get("/StructTreeRoot")
        self.elems = []
        self.top = []
        self.page_mcids = {}            # (page og, mcid) -> Elem
        self.stream_mcids = {}          # (stream og, mcid) -> Elem
        self.objr = {}                  # og(obj) -> Elem
        self.no_parent = []
        if not isinstance(self.root, Dictionary):
            return
        rolemap = self.root.get("/RoleMap")
        self.rolemap = {str(k): name(rolemap[k]) for k in rolemap.keys()} \
            if isinstance(rolemap, Dictionary) else {}
        self.classmap = self.root.get("/ClassMap")
        seen = set()
        stack = [(k, None, None) for k in reversed(as_list(self.root.get("/K")))]
        while stack:
            k, parent, page = stack.pop()
            if isinstance(k, int):
                if parent is not None and page is not None:
                    self.page_mcids[(page, k)] = parent
                    parent.mcids.append(("page", page, k))
                continue
            if not isinstance(k, Dictionary):
                continue
            if "/MCID" in k and "/S" not in k:          # marked-content reference
                pg = k.get("/Pg")
                pkey = og(pg) if isinstance(pg, Dictionary) else page
                mcid = int(k.MCID)
                stm = k.get("/Stm")
                if isinstance(stm, Stream):
                    self.stream_mcids[(og(stm), mcid)] = parent
                    parent.mcids.append(("stream", og(stm), mcid))
                elif pkey is not None and parent is not None:
                    self.page_mcids[(pkey, mcid)] = parent
                    parent.mcids.append(("page", pkey, mcid))
                continue
            if "/Obj" in k and "/S" not in k:           # object reference
                if parent is not None:
                    self.objr[og(k.Obj)] = parent
                    parent.objrs.append(og(k.Obj))
                continue
            key = og(k)
            if key in seen:
                continue
            seen.add(key)
            e = Elem(k, parent)
            pg = k.get("/Pg")
            epage = og(pg) if isinstance(pg, Dictionary) else page
            e.page = page_no.get(epage)
            e.std = self.standard_type(e.raw)
            self.elems.append(e)
            if parent is None:
                self.top.append(e)
            else:
                parent.kids.append(e)
            # UA1 7.1-12: "A structure element dictionary shall contain the P
            # (parent) entry".
            if "/P" not in k:
                self.no_parent.append(e)
            for kid in reversed(as_list(k.get("/K"))):
                stack.append((kid, e, epage))

    def standard_type(self, raw):
        """Follows the role map to a standard type; None if it ends nowhere or
        loops (02-001, 02-003)."""
        t, hops = raw, 0
        while t is not None and t[1:] not in STANDARD:
            t = self.rolemap.get(t)
            hops += 1
            if hops > 32:
                return None
        return t[1:] if t else None

    def attributes(self, e):
        """The attribute dictionaries of an element: /A (a dictionary, or an
        array of dictionaries and revision numbers) and its /C classes."""
        out = [a for a in as_list(e.d.get("/A")) if isinstance(a, Dictionary)]
        if isinstance(self.classmap, Dictionary):
            for c in as_list(e.d.get("/C")):
                if name(c) and name(c) in self.classmap:
                    out += [a for a in as_list(self.classmap[name(c)])
                            if isinstance(a, Dictionary)]
        return out

    def descendants(self, e):
        stack = list(e.kids)
        while stack:
            x = stack.pop()
            yield x
            stack.extend(x.kids)


# ---------------------------------------------------------------- content


class Content:
    """Walks every page's content, and the forms it invokes, tracking the
    marked-content sequences that enclose each painted operator."""

    def __init__(self, pdf, tree, page_no):
        self.tree = tree
        self.text = FontText()
        self.painted = 0
        self.untagged = collections.defaultdict(collections.Counter)   # page -> op -> n
        self.untagged_text = collections.defaultdict(list)            # page -> [text]
        self.artifact_in_tagged = collections.Counter()
        self.tagged_in_artifact = collections.Counter()
        self.unreferenced_mcid = collections.Counter()                 # page -> n
        self.mcid_paint = collections.Counter()                        # content key -> n
        self.seen_keys = set()
        for i, page in enumerate(pdf.pages):
            self.page_no = i + 1
            self.page_key = og(page.obj)
            self.walk(page, page.obj.get("/Resources"), None, [], depth=0)

    def mcid_of(self, operands, res):
        if len(operands) < 2:
            return None
        props = operands[1]
        if name(props) is not None and isinstance(res, Dictionary):
            pr = res.get("/Properties")
            props = pr.get(props) if isinstance(pr, Dictionary) else None
        if isinstance(props, Dictionary) and "/MCID" in props:
            return int(props.MCID)
        return None

    def walk(self, target, res, form_key, outer, depth):
        """`outer` is the stack of enclosing sequences when a form is invoked:
        a list of (tag, content key or None, covered, artifact)."""
        try:
            ops = pikepdf.parse_content_stream(target)
        except Exception as e:
            C.fail("content", f"a content stream does not parse: {e}", f"page {self.page_no}")
            return
        stack = list(outer)
        fonts = [None]
        for ins in ops:
            op = str(ins.operator)
            operands = ins.operands
            if op in ("BMC", "BDC"):
                tag = name(operands[0]) if operands else None
                parent_cov = stack[-1][2] if stack else False
                parent_art = any(s[3] for s in stack)
                parent_tagged = any(s[1] is not None and s[4] for s in stack)
                artifact = tag == "/Artifact"
                key, tagged = None, False
                mcid = self.mcid_of(operands, res) if op == "BDC" else None
                if mcid is not None:
                    if form_key is None:
                        key = ("page", self.page_key, mcid)
                        tagged = (self.page_key, mcid) in self.tree.page_mcids
                    else:
                        key = ("stream", form_key, mcid)
                        tagged = (form_key, mcid) in self.tree.stream_mcids
                    self.seen_keys.add(key)
                    if not tagged:
                        self.unreferenced_mcid[self.page_no] += 1
                # 01-003 / UA1 7.1-1: "Content marked as Artifact should not be
                # present inside tagged content"; 01-004 / UA1 7.1-2: "Tagged
                # content should not be present inside content marked as
                # Artifact".
                if artifact and parent_tagged:
                    self.artifact_in_tagged[self.page_no] += 1
                if tagged and parent_art:
                    self.tagged_in_artifact[self.page_no] += 1
                stack.append((tag, key, parent_cov or artifact or tagged, artifact, tagged))
            elif op == "EMC":
                if len(stack) > len(outer):
                    stack.pop()
            elif op == "q":
                fonts.append(fonts[-1])
            elif op == "Q":
                if len(fonts) > 1:
                    fonts.pop()
            elif op == "Tf" and operands and isinstance(res, Dictionary):
                fd = res.get("/Font")
                fonts[-1] = fd.get(operands[0]) if isinstance(fd, Dictionary) else None
            elif op in PAINT_TEXT or op in PAINT_PATH or op in ("sh", "INLINE IMAGE"):
                sample = self.sample(op, operands, fonts[-1]) if op in PAINT_TEXT else ""
                self.paint(op if op != "INLINE IMAGE" else "BI", stack, sample)
            elif op == "Do" and operands and isinstance(res, Dictionary):
                xd = res.get("/XObject")
                xo = xd.get(operands[0]) if isinstance(xd, Dictionary) else None
                if not isinstance(xo, Stream):
                    continue
                st = name(xo.get("/Subtype"))
                # An XObject referenced by an OBJR is a content item itself.
                objr_cov = og(xo) in self.tree.objr
                if st == "/Form" and depth < 12:
                    cov = (stack[-1][2] if stack else False) or objr_cov
                    inner = stack + [("/(form)", None, cov, False, False)] if objr_cov \
                        else list(stack)
                    self.walk(xo, xo.get("/Resources", res), og(xo), inner, depth + 1)
                elif st == "/Image":
                    st_ = stack + [("/(objr)", None, True, False, False)] if objr_cov else stack
                    self.paint("Do(image)", st_, "")

    def sample(self, op, operands, font):
        try:
            if op == "TJ":
                raw = b"".join(bytes(x) for x in operands[0] if isinstance(x, pikepdf.String))
            else:
                raw = bytes(operands[-1])
        except Exception:
            return ""
        return self.text.decode(font, raw)

    def paint(self, op, stack, sample):
        self.painted += 1
        for s in stack:
            if s[1] is not None:
                self.mcid_paint[s[1]] += 1
        if not (stack and stack[-1][2]):
            self.untagged[self.page_no][op] += 1
            if sample.strip() and len(self.untagged_text[self.page_no]) < 3:
                self.untagged_text[self.page_no].append(sample.strip()[:30])


# ---------------------------------------------------------------- XMP


def xmp_values(pdf):
    """(dc:title, pdfuaid:part) from the catalog's XMP, or an error string."""
    md = pdf.Root.get("/Metadata")
    if not isinstance(md, Stream):
        return None, None, "no metadata stream"
    try:
        dom = xml.dom.minidom.parseString(md.read_bytes())
    except (xml.parsers.expat.ExpatError, ValueError) as e:
        return None, None, f"XMP does not parse: {e}"
    title = part = None
    for desc in dom.getElementsByTagNameNS(NS_RDF, "Description"):
        if desc.hasAttributeNS(NS_PDFUAID, "part"):
            part = desc.getAttributeNS(NS_PDFUAID, "part")
        if desc.hasAttributeNS(NS_DC, "title"):
            title = desc.getAttributeNS(NS_DC, "title")
    for el in dom.getElementsByTagNameNS(NS_PDFUAID, "part"):
        part = "".join(c.data for c in el.childNodes if c.nodeType == c.TEXT_NODE).strip()
    for el in dom.getElementsByTagNameNS(NS_DC, "title"):
        lis = el.getElementsByTagNameNS(NS_RDF, "li")
        texts = ["".join(c.data for c in li.childNodes if c.nodeType == c.TEXT_NODE).strip()
                 for li in lis]
        title = next((t for t in texts if t), None)
    return title, part, None


# ---------------------------------------------------------------- checks


def main():
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        print("usage: check_pdfua.py FILE.pdf", file=sys.stderr)
        return 2
    path = sys.argv[1]
    try:
        pdf = pikepdf.open(path)
    except Exception as e:
        print(f"check_pdfua: {path}: {e}", file=sys.stderr)
        return 2
    page_no = {og(p.obj): i + 1 for i, p in enumerate(pdf.pages)}
    root = pdf.Root
    tree = Tree(pdf, page_no)
    content = Content(pdf, tree, page_no)
    info = []            # the per-check count lines

    # ---- (g) catalog and metadata
    # UA1 6.2-1 (ISO 14289-1 6.2, ISO 32000-1 14.7.1): "The document catalog
    # dictionary shall include a MarkInfo dictionary containing an entry,
    # Marked, whose value shall be true".
    C.check("(g) MarkInfo")
    mi = root.get("/MarkInfo")
    if not (isinstance(mi, Dictionary) and mi.get("/Marked") is True):
        C.fail("(g) MarkInfo", "UA1 6.2-1: the catalog has no /MarkInfo /Marked true")
    # 01-007 / UA1 7.1-4: "Files shall have a Suspects value of false".
    if isinstance(mi, Dictionary) and mi.get("/Suspects") is True:
        C.fail("(g) MarkInfo", "01-007 / UA1 7.1-4: /MarkInfo /Suspects is true")
    # 11-001..006 (natural language of page content, Alt, outlines,
    # annotation Contents, metadata): the catalog's /Lang determines them all
    # (UA1 7.2-34 and the others test gContainsCatalogLang); UA1 7.2-29 wants
    # it a language tag.
    C.check("(g) Lang")
    lang = root.get("/Lang")
    if lang is None or not str(lang).strip():
        C.fail("(g) Lang", "11-001..006 / UA1 7.2-34: the catalog has no /Lang")
    elif not re.match(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$", str(lang)):
        C.fail("(g) Lang", f"UA1 7.2-29: catalog /Lang {str(lang)!r} is not a language tag")
    # 07-001 / 07-002 / UA1 7.1-10: "The document catalog dictionary shall
    # include a ViewerPreferences dictionary containing a DisplayDocTitle key,
    # whose value shall be true".
    C.check("(g) DisplayDocTitle")
    vp = root.get("/ViewerPreferences")
    ddt = vp.get("/DisplayDocTitle") if isinstance(vp, Dictionary) else None
    if ddt is None:
        C.fail("(g) DisplayDocTitle", "07-001 / UA1 7.1-10: no /ViewerPreferences /DisplayDocTitle")
    elif ddt is not True:
        C.fail("(g) DisplayDocTitle", "07-002 / UA1 7.1-10: /DisplayDocTitle is false")
    # 06-001 / UA1 7.1-8: the catalog has a metadata stream; 06-003 / UA1
    # 7.1-9: it has dc:title; 06-002 / UA1 5-1, 5-2: it has the PDF/UA
    # identifier pdfuaid:part, equal to 1.
    C.check("(g) XMP")
    title, part, err = xmp_values(pdf)
    if err == "no metadata stream":
        C.fail("(g) XMP", "06-001 / UA1 7.1-8: the catalog has no XMP metadata stream")
    elif err:
        C.fail("(g) XMP", f"06-001 / UA1 7.1-8: {err}")
    if not err and not title:
        C.fail("(g) XMP", "06-003 / UA1 7.1-9: the XMP has no dc:title")
    if not err and part is None:
        C.fail("(g) XMP", "06-002 / UA1 5-1: the XMP has no pdfuaid:part")
    elif not err and part != "1":
        C.fail("(g) XMP", f"06-002 / UA1 5-2: pdfuaid:part is {part!r}, not 1")
    if err:
        C.fail("(g) XMP", "06-002 / 06-003: so no pdfuaid:part and no dc:title either")
    info.append(f"(g) catalog: Marked {mi.get('/Marked') if isinstance(mi, Dictionary) else None}"
                f", Lang {str(lang) if lang is not None else None!r}, DisplayDocTitle {ddt}"
                f"; XMP dc:title {title!r}, pdfuaid:part {part!r}")

    # UA1 7.1-11: a structure tree, for everything below.
    C.check("structure tree")
    if tree.root is None:
        C.fail("structure tree", "UA1 7.1-11: the catalog has no /StructTreeRoot")

    # ---- (a) content neither tagged nor artifact
    # 01-005 / UA1 7.1-3: "Content shall be marked as Artifact or tagged as
    # real content".
    C.check("(a) content")
    total = sum(sum(c.values()) for c in content.untagged.values())
    for page in sorted(content.untagged):
        ops = content.untagged[page]
        n = sum(ops.values())
        what = ", ".join(f"{c} {o}" for o, c in ops.most_common())
        texts = content.untagged_text.get(page)
        if texts:
            what += "; text " + " | ".join(repr(t) for t in texts)
        C.fail("(a) content", "01-005 / UA1 7.1-3: painted operators neither tagged nor "
               "in an Artifact", f"page {page}: {n} ({what})", n)
    by_op = collections.Counter()
    for ops in content.untagged.values():
        by_op.update(ops)
    info.append(f"(a) content: {content.painted} painted operators, {total} neither tagged nor artifact"
                + (f" ({', '.join(f'{n} {o}' for o, n in by_op.most_common())})" if by_op else "")
                + f", on {len(content.untagged)} of {len(pdf.pages)} pages")
    unref = sum(content.unreferenced_mcid.values())
    if unref:
        C.fail("(a) content", "01-005: marked-content sequences whose MCID no structure "
               "element references (their content counts as untagged)",
               ", ".join(f"page {p}: {n}" for p, n in sorted(content.unreferenced_mcid.items())),
               unref)
    for counter, msg in ((content.artifact_in_tagged, "01-003 / UA1 7.1-1: Artifact inside "
                          "tagged content"),
                         (content.tagged_in_artifact, "01-004 / UA1 7.1-2: tagged content "
                          "inside an Artifact")):
        for p, n in sorted(counter.items()):
            C.fail("(a) content", msg, f"page {p}: {n}", n)
    # Structure elements whose marked content is missing from every page
    # (an MCID in the tree that no content stream has): not a Matterhorn
    # failure by itself, but a sign of a broken ParentTree / MCID numbering.
    dangling = [e for e in tree.elems for k in e.mcids if k not in content.seen_keys]
    if dangling:
        C.fail("(a) content", "[ISO 32000-1 14.7.4.2] structure elements reference MCIDs "
               "that no content stream marks", dangling[0].where(), len(dangling))

    def paints(e):
        """The number of painted operators in an element's own marked content."""
        return sum(content.mcid_paint[k] for k in e.mcids)

    # ---- (b) link annotations
    links = []
    for i, page in enumerate(pdf.pages):
        for a in as_list(page.obj.get("/Annots")):
            if isinstance(a, Dictionary) and name(a.get("/Subtype")) == "/Link":
                links.append((i + 1, a))
    C.check("(b) links")
    no_contents = 0
    for pno, a in links:
        where = f"page {pno} {ref(a)}"
        # 28-012 / UA1 7.18.5-2: "Links shall contain an alternate description
        # via their Contents key".
        if not str(a.get("/Contents", "")).strip():
            no_contents += 1
            target = a.get("/A", {}).get("/URI") if isinstance(a.get("/A"), Dictionary) \
                else a.get("/Dest")
            C.fail("(b) links", "28-012 / UA1 7.18.5-2: Link annotation has no /Contents",
                   f"{where} -> {str(target)[:40]}")
        # 28-011 / UA1 7.18.5-1: "Links shall be tagged according to ISO
        # 32000-1:2008, 14.8.4.4.2, Link Element": an OBJR to the annotation
        # inside a Link element, which (14.8.4.4.2) also holds the link's
        # content, its text.
        e = tree.objr.get(og(a))
        if e is None:
            C.fail("(b) links", "28-011 / UA1 7.18.5-1: Link annotation is referenced by no "
                   "OBJR in the structure tree", where)
            continue
        if e.std != "Link":
            C.fail("(b) links", "28-011 / UA1 7.18.5-1: Link annotation's OBJR is in a "
                   "structure element that is not Link", f"{where} in {e.where()}")
            continue
        if not e.mcids:
            C.fail("(b) links", "28-011: Link element holds its OBJR but no marked content "
                   "(no text)", f"{where} in {e.where()}")
        elif paints(e) == 0:
            C.fail("(b) links", "28-011: Link element's marked content paints nothing "
                   "(an empty BDC/EMC: the text is elsewhere)", f"{where} in {e.where()}")
        if "/StructParent" not in a:
            C.fail("(b) links", "[ISO 32000-1 14.7.4.4] Link annotation in the structure "
                   "tree has no /StructParent", where)
    info.append(f"(b) links: {len(links)} Link annotations, {no_contents} without /Contents")

    # ---- (c) TH without Scope
    # 15-003: "In a table not organized with Headers attributes and IDs, a TH
    # cell does not contain a Scope attribute" (UA1 7.5-1/2 test the same from
    # the TD side).
    C.check("(c) TH Scope")
    ths = [e for e in tree.elems if e.std == "TH"]
    missing = 0
    for th in ths:
        table = th.parent
        while table is not None and table.std != "Table":
            table = table.parent
        cells = list(tree.descendants(table)) if table else []
        uses_headers = any("/Headers" in a for c in cells if c.std == "TD"
                           for a in tree.attributes(c))
        scoped = any(name(a.get("/O")) == "/Table" and "/Scope" in a
                     for a in tree.attributes(th))
        if not scoped and not uses_headers:
            missing += 1
            C.fail("(c) TH Scope", "15-003: TH has no /Scope in a /O /Table attribute",
                   th.where())
    info.append(f"(c) TH: {len(ths)} TH elements, {missing} without Scope")

    # ---- (d) Figure without Alt
    # 13-004 / UA1 7.3-1: "Figure tags shall include an alternative
    # representation or replacement text" (Alt, or ActualText).
    C.check("(d) Figure Alt")
    figs = [e for e in tree.elems if e.std == "Figure"]
    nalt = 0
    for f in figs:
        if not str(f.d.get("/Alt", "")).strip() and "/ActualText" not in f.d:
            nalt += 1
            C.fail("(d) Figure Alt", "13-004 / UA1 7.3-1: Figure has no /Alt", f.where())
    info.append(f"(d) Figure: {len(figs)} Figure elements, {nalt} without Alt")

    # ---- (e) one Document at the top
    # PDF/UA-2 8.2.5.2-1 (ISO 32000-2 Annex L): "The structure tree root shall
    # contain a single Document structure element as its only child".
    C.check("(e) Document root")
    tops = collections.Counter(e.std or e.raw for e in tree.top)
    if tree.root is not None and not (len(tree.top) == 1 and tree.top[0].std == "Document"):
        C.fail("(e) Document root", f"[PDF/UA-2 8.2.5.2-1] the StructTreeRoot has "
               f"{len(tree.top)} children, not one Document",
               ", ".join(f"{n} {t}" for t, n in tops.most_common()))
    info.append(f"(e) top level: {len(tree.top)} structure elements under StructTreeRoot "
                f"({', '.join(f'{n} {t}' for t, n in tops.most_common())})")

    # ---- (f) Tabs /S
    # 28-008 "A page containing an annotation does not contain a Tabs key",
    # 28-009 "... has a Tabs key with a value other than S" (UA1 7.18.3-1).
    C.check("(f) Tabs")
    annotated = [(i + 1, p) for i, p in enumerate(pdf.pages) if as_list(p.obj.get("/Annots"))]
    bad_tabs = 0
    for pno, p in annotated:
        tabs = p.obj.get("/Tabs")
        if tabs is None:
            bad_tabs += 1
            C.fail("(f) Tabs", "28-008 / UA1 7.18.3-1: page with annotations has no /Tabs",
                   f"page {pno}")
        elif name(tabs) != "/S":
            bad_tabs += 1
            C.fail("(f) Tabs", f"28-009 / UA1 7.18.3-1: page /Tabs is {tabs}, not /S",
                   f"page {pno}")
    info.append(f"(f) Tabs: {len(annotated)} pages with annotations, {bad_tabs} without /Tabs /S")

    # ---- (h) Link directly under TOC
    # 09-006 / UA1 7.2-27: "TOC element may contain only TOC, TOCI and Caption
    # elements" (ISO 32000-1 Table 333).
    C.check("(h) TOC kids")
    toc_links = [(t, k) for t in tree.elems if t.std == "TOC" for k in t.kids if k.std == "Link"]
    empty = [(t, k) for t, k in toc_links if paints(k) == 0]
    other = [(t, k) for t in tree.elems if t.std == "TOC" for k in t.kids
             if k.std not in ("TOC", "TOCI", "Caption", "Link")]
    for t, k in toc_links:
        C.fail("(h) TOC kids", "09-006 / UA1 7.2-27: Link is a direct child of TOC"
               + (" and empty (no painted content)" if paints(k) == 0 else ""), k.where())
    for t, k in other:
        C.fail("(h) TOC kids", f"09-006 / UA1 7.2-27: {k.std or k.raw} is a child of TOC",
               k.where())
    info.append(f"(h) TOC: {len(toc_links)} Link elements are direct children of TOC, "
                f"{len(empty)} of them empty")

    # ---- (i) TOCI holding its Link
    # 09-006: TOCI may contain Lbl, Reference, NonStruct, P and TOC (ISO
    # 32000-1 Table 333; ISO 32000-2 Annex L-247 "TOCI elem should not contain
    # Link kid"). Each TOCI should hold its link, inside a Reference (or P).
    C.check("(i) TOCI links")
    tocis = [e for e in tree.elems if e.std == "TOCI"]
    with_link = [e for e in tocis if any(d.std == "Link" for d in tree.descendants(e))]
    doc_has_toc_links = bool(toc_links) or bool(with_link)
    if doc_has_toc_links:
        for e in tocis:
            if e not in with_link:
                C.fail("(i) TOCI links", "09-006: TOCI does not contain its Link (the Link "
                       "stands beside it)", e.where())
    for e in tocis:
        for k in e.kids:
            if k.std not in ("Lbl", "Reference", "NonStruct", "P", "TOC"):
                C.fail("(i) TOCI links", f"09-006 (Table 333): {k.std or k.raw} is a direct "
                       "child of TOCI; wrap it in Reference or P", k.where())
    info.append(f"(i) TOCI: {len(tocis)} TOCI elements, {len(with_link)} contain their Link")

    # ---- role map and parents
    # 02-001 / UA1 7.1-5: non-standard types map to a standard type; 02-003 /
    # UA1 7.1-6: no circular mapping; 02-004 / UA1 7.1-7: standard types are
    # not remapped.
    C.check("role map")
    for e in tree.elems:
        if e.std is None:
            C.fail("role map", "02-001 / UA1 7.1-5: structure type maps to no standard "
                   "type (or loops)", e.where())
    for k, v in getattr(tree, "rolemap", {}).items():
        if k[1:] in STANDARD:
            C.fail("role map", "02-004 / UA1 7.1-7: a standard type is remapped", f"{k} -> {v}")
    C.check("parents")
    for e in tree.no_parent:
        C.fail("parents", "UA1 7.1-12: structure element has no /P", e.where())
    info.append(f"structure: {len(tree.elems)} elements; types "
                + ", ".join(f"{n} {t}" for t, n in collections.Counter(
                    e.std or e.raw for e in tree.elems).most_common(8)))

    # ---- report
    print(f"check_pdfua: {path}: PDF/UA-1 (Matterhorn Protocol 1.1 machine checks)")
    for line in info:
        print(line)
    for (cid, msg), (n, ex) in C.fails.items():
        line = f"FAIL {cid} {msg}"
        line += f" ({n} time{'s' if n != 1 else ''}"
        if ex:
            line += "; e.g. " + "; ".join(ex)
        print(line + ")")
    failed = len(C.failed)
    print(f"check_pdfua: {len(C.order) - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
