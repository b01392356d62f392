#!/usr/bin/python3
"""Checks a PDF against the PDF/A-2b or PDF/A-3b rules that a PDF/A-1 validator
(PDFBox Preflight, tests/pdf/preflight.sh) does not cover, or covers under the
older and different PDF/A-1 rule.

Usage: check_pdfa.py FILE.pdf [--part 2|3] [--conformance B|U|A]

The rules and their ids ("6.6.2.1-1" = clause 6.6.2.1, test 1) are those of
veraPDF's published validation profiles, PDF_A/PDFA-2B.xml and PDF_A/PDFA-3B.xml
in github.com/veraPDF/veraPDF-validation-profiles; each check below quotes the
rule it implements. A check that follows no rule of those profiles says so in
its id: "[PDF/A-1 6.7.3-2]" is a rule of the PDF/A-1 profile only, "[ISO 32000-1
...]" a requirement of the PDF specification that the profile takes for given.

The profiles were read at veraPDF-validation-profiles commit 6f2a87f.

Not checked: what needs the font programs, the ICC data beyond its header or
the JPEG 2000 data decoded, or the lexical layout of each object (6.1.4, 6.1.6,
6.1.7.1-1/2, 6.1.8, 6.1.9, 6.2.8.3, 6.2.11.3.3-2/3, 6.2.11.4.1-2, 6.2.11.4.2,
6.2.11.5, 6.2.11.6-1/4, 6.2.11.8); number and size limits (6.1.13-1 to -7, -9,
-10); overprint, separations and halftones (6.2.4.2-2, 6.2.4.4, 6.2.5-4 to -6,
6.2.10-2); 6.2.3-3, 6.2.11.3.1-1, 6.3.3-3, 6.4.1-2, 6.4.3 and 6.1.12-2
(signatures), 6.6.2.3.1-2 and 6.6.2.3.3-6, -11 to -18 (value types), 6.9-3.
Preflight (tests/pdf/preflight.sh) covers several of these under PDF/A-1.

Prints one line per kind of failure, "FAIL RULE-ID: what (N times; e.g. where)",
notes that need no fix, then "check_pdfa: N passed, M failed" over the rules
checked. Exits 0 only if every rule checked passes, 1 otherwise, 2 if the file
cannot be read. Needs python3 and python3-pikepdf (Debian) only.
"""
import argparse
import collections
import re
import sys
import xml.dom
import xml.dom.minidom
import xml.parsers.expat

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

# ---------------------------------------------------------------- results


class Results:
    """Rules checked, and the failures of each, grouped by rule and message."""

    def __init__(self):
        self.checked = []                            # rule ids, in order
        self.fails = collections.OrderedDict()       # (rule, msg) -> {where: n}
        self.notes = []

    def rule(self, rule):
        if rule not in self.checked:
            self.checked.append(rule)

    def fail(self, rule, msg, where="", count=1):
        """One failure (or `count` of them) of `rule` at `where` (a page, an
        object); failures with the same rule and message print as one line."""
        self.rule(rule)
        places = self.fails.setdefault((rule, msg), collections.OrderedDict())
        places[where] = places.get(where, 0) + count

    def note(self, msg):
        self.notes.append(msg)

    def failed_rules(self):
        return {rule for rule, _ in self.fails}

    def print(self, title):
        print(title)
        for (rule, msg), places in self.fails.items():
            n = sum(places.values())
            ex = [f"{w} x{c}" if c > 1 else w for w, c in places.items() if w]
            line = f"FAIL {rule}: {msg}"
            if n > 1 or ex:
                line += f" ({n} time{'s' if n != 1 else ''}"
                if ex:
                    line += "; e.g. " + ", ".join(ex[:3]) + (", ..." if len(ex) > 3 else "")
                line += ")"
            print(line)
        for n in self.notes:
            print(f"note: {n}")
        failed = len(self.failed_rules())
        occ = sum(sum(p.values()) for p in self.fails.values())
        print(f"{len(self.checked)} rules checked, {failed} failed "
              f"({occ} failing objects or places)")
        print(f"check_pdfa: {len(self.checked) - failed} passed, {failed} failed")
        return failed == 0


R = Results()

# ---------------------------------------------------------------- helpers


def name(x):
    """A PDF name as '/Name', or None for anything else."""
    return str(x) if isinstance(x, Name) else None


def text(x):
    """A PDF text string as str (pikepdf decodes PDFDocEncoding and UTF-16)."""
    try:
        return str(x)
    except Exception:
        return None


def ref(obj):
    """'obj 12 0' for an indirect object, '' for a direct one."""
    try:
        n, g = obj.objgen
    except Exception:
        return ""
    return f"obj {n} {g}" if n else ""


def as_list(x):
    if x is None:
        return []
    if isinstance(x, Array):
        return list(x)
    return [x]


class Walk:
    """Every object reachable from the trailer, once each, as (obj, key,
    parent_key): `key` is the dictionary key (None for an array element) under
    which the object was first reached, `parent_key` the key of the dictionary
    that holds it. So a caller can tell an action under /A from a structure
    attribute under /A, or an ExtGState (a value in an /ExtGState resource
    dictionary) from other dictionaries."""

    def __init__(self, pdf):
        self.items = []
        seen = set()
        stack = [(pdf.trailer, None, None)]
        while stack:
            obj, key, pkey = stack.pop()
            if not isinstance(obj, (Dictionary, Array, Stream)):
                continue
            og = obj.objgen
            if og != (0, 0):
                if og in seen:
                    continue
                seen.add(og)
            self.items.append((obj, key, pkey))
            if isinstance(obj, Array):
                # an array's elements count as held by the array's own key
                for v in obj:
                    stack.append((v, None, key))
            else:
                for k in obj.keys():
                    try:
                        stack.append((obj[k], k, key))
                    except Exception:
                        pass

    def dicts(self):
        return [(o, k, p) for o, k, p in self.items if isinstance(o, (Dictionary, Stream))]


# ---------------------------------------------------------------- file level


def check_file_bytes(data):
    # 6.1.2-1: "The file header shall begin at byte zero and shall consist of
    # "%PDF-1.n" followed by a single EOL marker, where 'n' is a single digit
    # number between 0 (30h) and 7 (37h)".
    R.rule("6.1.2-1")
    m = re.match(rb"%PDF-1\.[0-7](\r\n|\r|\n)", data)
    if not m:
        R.fail("6.1.2-1", "the header is not %PDF-1.n (n 0 to 7) followed by one EOL at byte 0")
    # 6.1.2-2: "The aforementioned EOL marker shall be immediately followed by
    # a % (25h) character followed by at least four bytes, each of whose
    # encoded byte values shall have a decimal value greater than 127".
    R.rule("6.1.2-2")
    if m:
        rest = data[m.end():m.end() + 5]
        if not (len(rest) == 5 and rest[0:1] == b"%" and all(b > 127 for b in rest[1:5])):
            R.fail("6.1.2-2", "the header's second line is not % and four bytes above 127")
    # 6.1.3-3: "No data can follow the last end-of-file marker except a single
    # optional end-of-line marker".
    R.rule("6.1.3-3")
    i = data.rfind(b"%%EOF")
    if i < 0 or data[i + 5:] not in (b"", b"\n", b"\r\n", b"\r"):
        R.fail("6.1.3-3", "data after the last %%EOF (or no %%EOF)")


def check_trailer(pdf):
    # 6.1.3-1: "The file trailer dictionary shall contain the ID keyword whose
    # value shall be File Identifiers". pikepdf's trailer is the last one.
    R.rule("6.1.3-1")
    ids = pdf.trailer.get("/ID")
    if not isinstance(ids, Array) or len(ids) != 2 or len(bytes(ids[0])) == 0:
        R.fail("6.1.3-1", "the last trailer has no /ID [<first> <current>]")
    # 6.1.3-2: "The keyword Encrypt shall not be used in the trailer dictionary".
    R.rule("6.1.3-2")
    if "/Encrypt" in pdf.trailer or pdf.is_encrypted:
        R.fail("6.1.3-2", "the trailer has /Encrypt")


# ---------------------------------------------------------------- streams

ALLOWED_FILTERS = {"/ASCIIHexDecode", "/ASCII85Decode", "/FlateDecode",
                   "/RunLengthDecode", "/CCITTFaxDecode", "/JBIG2Decode",
                   "/DCTDecode", "/JPXDecode"}


def check_stream(s):
    # 6.1.7.1-3: "A stream dictionary shall not contain the F, FFilter, or
    # FDecodeParms keys" (stream data in an external file).
    R.rule("6.1.7.1-3")
    for k in ("/F", "/FFilter", "/FDecodeParms"):
        if k in s:
            R.fail("6.1.7.1-3", f"a stream dictionary has {k}", ref(s))
    # 6.1.7.2-1: "All standard stream filters ... may be used, with the
    # exception of LZWDecode. In addition, the Crypt filter shall not be used
    # unless the value of the Name key in the decode parameters dictionary is
    # Identity."
    R.rule("6.1.7.2-1")
    filters = as_list(s.get("/Filter"))
    parms = as_list(s.get("/DecodeParms"))
    for i, f in enumerate(filters):
        f = name(f)
        if f in ALLOWED_FILTERS:
            continue
        if f == "/Crypt":
            p = parms[i] if i < len(parms) else None
            if isinstance(p, Dictionary) and name(p.get("/Name")) == "/Identity":
                continue
        R.fail("6.1.7.2-1", f"stream filter {f} is not permitted", ref(s))


# ---------------------------------------------------------------- metadata

NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_XML = "http://www.w3.org/XML/1998/namespace"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_PDFAID = "http://www.aiim.org/pdfa/ns/id/"
NS_EXT = "http://www.aiim.org/pdfa/ns/extension/"
NS_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
NS_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"

# The schemas that XMP 2005 (and ISO 19005-2 for pdfaid and the extension
# container) predefine, for rule 6.6.2.3.1-1. veraPDF checks each property by
# name; here the names are listed for the schemas a PDF writer uses and the
# other predefined schemas are taken whole. Everything else, such as PDF/UA's
# pdfuaid (http://www.aiim.org/pdfua/ns/id/), needs an extension schema.
PREDEFINED = {
    NS_DC: {"contributor", "coverage", "creator", "date", "description", "format",
            "identifier", "language", "publisher", "relation", "rights", "source",
            "subject", "title", "type"},
    "http://ns.adobe.com/xap/1.0/": {"Advisory", "BaseURL", "CreateDate", "CreatorTool",
                                     "Identifier", "Label", "MetadataDate", "ModifyDate",
                                     "Nickname", "Rating", "Thumbnails"},
    "http://ns.adobe.com/pdf/1.3/": {"Keywords", "PDFVersion", "Producer", "Trapped"},
    NS_PDFAID: {"part", "conformance", "amd", "corr"},
    NS_EXT: {"schemas"},
    "http://ns.adobe.com/xap/1.0/rights/": None,
    "http://ns.adobe.com/xap/1.0/mm/": None,
    "http://ns.adobe.com/xap/1.0/bj/": None,
    "http://ns.adobe.com/xap/1.0/t/pg/": None,
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/": None,
    "http://ns.adobe.com/photoshop/1.0/": None,
    "http://ns.adobe.com/camera-raw-settings/1.0/": None,
    "http://ns.adobe.com/tiff/1.0/": None,
    "http://ns.adobe.com/exif/1.0/": None,
    "http://ns.adobe.com/exif/1.0/aux/": None,
}


def elements(node, ns=None, local=None):
    return [c for c in node.childNodes
            if c.nodeType == c.ELEMENT_NODE
            and (ns is None or c.namespaceURI == ns)
            and (local is None or c.localName == local)]


def node_text(node):
    return "".join(c.data for c in node.childNodes
                   if c.nodeType in (c.TEXT_NODE, c.CDATA_SECTION_NODE)).strip()


def struct_fields(node):
    """The fields of an XMP structure value, (ns, local) -> element or str,
    whichever way it is written: rdf:parseType="Resource", an inner
    rdf:Description, or attributes."""
    fields = {}
    holders = [node] + elements(node, NS_RDF, "Description")
    for h in holders:
        for a in h.attributes.values() if h.attributes else []:
            if a.namespaceURI not in (NS_RDF, NS_XML, xml.dom.XMLNS_NAMESPACE, None):
                fields[(a.namespaceURI, a.localName)] = a.value
        for c in elements(h):
            if c.namespaceURI != NS_RDF:
                fields[(c.namespaceURI, c.localName)] = c
    return fields


def field_text(v):
    return v if isinstance(v, str) else node_text(v)


def array_items(v):
    """The rdf:li of a Bag, Seq or Alt value."""
    if isinstance(v, str):
        return []
    for kind in ("Bag", "Seq", "Alt"):
        for arr in elements(v, NS_RDF, kind):
            return elements(arr, NS_RDF, "li")
    return []


class Xmp:
    """A parsed XMP packet: its top-level properties and what it declares."""

    def __init__(self, raw):
        self.raw = raw
        self.dom = None
        self.error = None
        # 6.6.2.1-5: "The XMP package must be encoded as UTF-8".
        try:
            self.text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.text = None
            self.error = f"not UTF-8: {e}"
            return
        try:
            self.dom = xml.dom.minidom.parseString(raw)
        except (xml.parsers.expat.ExpatError, ValueError) as e:
            self.error = f"not well-formed XML: {e}"
            return
        self.props = []                     # (ns, local, prefix, element-or-str)
        rdfs = self.dom.getElementsByTagNameNS(NS_RDF, "RDF")
        if not rdfs:
            self.error = "no rdf:RDF element"
            return
        for desc in elements(rdfs[0], NS_RDF, "Description"):
            for a in desc.attributes.values():
                if a.namespaceURI in (NS_RDF, NS_XML, xml.dom.XMLNS_NAMESPACE, None):
                    continue
                self.props.append((a.namespaceURI, a.localName, a.prefix, a.value))
            for c in elements(desc):
                self.props.append((c.namespaceURI, c.localName, c.prefix, c))

    def get(self, ns, local):
        for pns, plocal, prefix, v in self.props:
            if pns == ns and plocal == local:
                return prefix, v
        return None, None

    def title(self):
        """dc:title's x-default value (or its only value)."""
        _, v = self.get(NS_DC, "title")
        if v is None:
            return None
        items = array_items(v)
        for li in items:
            if li.getAttributeNS(NS_XML, "lang") == "x-default":
                return node_text(li)
        return node_text(items[0]) if items else field_text(v)

    def extension_properties(self):
        """{(namespaceURI, name)} declared by pdfaExtension:schemas; checks the
        container's required fields on the way (6.6.2.3.3)."""
        declared = set()
        _, schemas = self.get(NS_EXT, "schemas")
        if schemas is None:
            return declared
        # 6.6.2.3.3-1: "pdfaExtension:schemas - Bag Schema"
        R.rule("6.6.2.3.3-1")
        if isinstance(schemas, str) or not elements(schemas, NS_RDF, "Bag"):
            R.fail("6.6.2.3.3-1", "pdfaExtension:schemas is not an rdf:Bag")
        for li in array_items(schemas):
            f = struct_fields(li)
            # 6.6.2.3.3-2/3/4: fields schema, namespaceURI and prefix of the
            # PDF/A Schema value type "shall be present" (prefix pdfaSchema).
            for rule, fld in (("6.6.2.3.3-2", "schema"), ("6.6.2.3.3-3", "namespaceURI"),
                              ("6.6.2.3.3-4", "prefix")):
                R.rule(rule)
                if not field_text(f.get((NS_SCHEMA, fld), "")):
                    R.fail(rule, f"an extension schema lacks pdfaSchema:{fld}")
            uri = field_text(f.get((NS_SCHEMA, "namespaceURI"), ""))
            prop = f.get((NS_SCHEMA, "property"))
            # 6.6.2.3.3-5: "Field 'property' ... shall have type Seq Property"
            R.rule("6.6.2.3.3-5")
            if prop is not None and (isinstance(prop, str) or not elements(prop, NS_RDF, "Seq")):
                R.fail("6.6.2.3.3-5", f"pdfaSchema:property of {uri} is not an rdf:Seq")
            for pli in array_items(prop) if prop is not None else []:
                pf = struct_fields(pli)
                # 6.6.2.3.3-7/8/9/10: name, valueType, category (external or
                # internal) and description of each property.
                for rule, fld in (("6.6.2.3.3-7", "name"), ("6.6.2.3.3-8", "valueType"),
                                  ("6.6.2.3.3-9", "category"), ("6.6.2.3.3-10", "description")):
                    R.rule(rule)
                    val = field_text(pf.get((NS_PROPERTY, fld), ""))
                    if not val or (fld == "category" and val not in ("external", "internal")):
                        R.fail(rule, f"a property of extension schema {uri} lacks a valid "
                               f"pdfaProperty:{fld}")
                pname = field_text(pf.get((NS_PROPERTY, "name"), ""))
                if uri and pname:
                    declared.add((uri, pname))
        return declared


def check_metadata(pdf, part, conformance):
    root = pdf.Root
    md = root.get("/Metadata")
    # 6.6.2.1-1: "The Catalog dictionary of a conforming file shall contain the
    # Metadata key whose value is a metadata stream ... The metadata stream
    # dictionary shall contain entry Type with value /Metadata and entry
    # Subtype with value /XML".
    R.rule("6.6.2.1-1")
    if not isinstance(md, Stream):
        R.fail("6.6.2.1-1", "the catalog has no /Metadata stream")
        # Without XMP no rule of 6.6.4 can hold either.
        R.fail("6.6.4-1", "no PDF/A identification (pdfaid) schema: there is no XMP")
        return None
    if name(md.get("/Type")) != "/Metadata" or name(md.get("/Subtype")) != "/XML":
        R.fail("6.6.2.1-1", "the metadata stream lacks /Type /Metadata /Subtype /XML", ref(md))
    # Compression: PDF/A-1 (6.7.2-2) forbade a /Filter on the catalog's
    # metadata stream; the PDF/A-2 and -3 profiles have no such rule, so a
    # compressed stream is only noted (Preflight, a PDF/A-1 tool, rejects it).
    if "/Filter" in md:
        R.note(f"the catalog metadata stream is compressed ({md.get('/Filter')}): "
               "allowed by PDF/A-2/3, not by PDF/A-1 (6.7.2-2), nor read by all tools")
    raw = md.read_bytes()
    # 6.6.2.1-2/3: "The bytes attribute shall not be used in the header of an
    # XMP packet", "The encoding attribute shall not be used in the header".
    R.rule("6.6.2.1-2")
    R.rule("6.6.2.1-3")
    m = re.search(rb"<\?xpacket\s+begin=[^?]*\?>", raw)
    if m and re.search(rb"\sbytes\s*=", m.group(0)):
        R.fail("6.6.2.1-2", "the xpacket header has a bytes attribute")
    if m and re.search(rb"\sencoding\s*=", m.group(0)):
        R.fail("6.6.2.1-3", "the xpacket header has an encoding attribute")
    x = Xmp(raw)
    # 6.6.2.1-4: "All content of all XMP packets shall be well-formed, as
    # defined by XML 1.0 ... and the RDF/XML Syntax Specification".
    # 6.6.2.1-5: "The XMP package must be encoded as UTF-8".
    R.rule("6.6.2.1-4")
    R.rule("6.6.2.1-5")
    if x.text is None:
        R.fail("6.6.2.1-5", f"the XMP is {x.error}")
        return None
    if x.error:
        R.fail("6.6.2.1-4", f"the XMP is {x.error}")
        return None

    # 6.6.4-1: "The PDF/A version and conformance level of a file shall be
    # specified using the PDF/A Identification extension schema".
    # 6.6.4-2: "The value of pdfaid:part shall be the part number of ISO 19005
    # to which the file conforms". 6.6.4-3: "A Level B conforming file shall
    # specify the value of pdfaid:conformance as B" (A and U files likewise).
    # 6.6.4-4/5: the properties "shall have namespace prefix pdfaid".
    for r in ("6.6.4-1", "6.6.4-2", "6.6.4-3", "6.6.4-4", "6.6.4-5"):
        R.rule(r)
    ppre, pval = x.get(NS_PDFAID, "part")
    cpre, cval = x.get(NS_PDFAID, "conformance")
    if pval is None and cval is None:
        R.fail("6.6.4-1", "the XMP has no pdfaid:part / pdfaid:conformance "
               f"(namespace {NS_PDFAID})")
    else:
        if pval is None or field_text(pval) != str(part):
            R.fail("6.6.4-2", f"pdfaid:part is {field_text(pval) if pval is not None else 'missing'}, "
                   f"not {part}")
        if cval is None or field_text(cval) != conformance:
            R.fail("6.6.4-3", f"pdfaid:conformance is "
                   f"{field_text(cval) if cval is not None else 'missing'}, not {conformance}")
        if pval is not None and ppre != "pdfaid":
            R.fail("6.6.4-4", f"pdfaid:part is written with prefix {ppre!r}")
        if cval is not None and cpre != "pdfaid":
            R.fail("6.6.4-5", f"pdfaid:conformance is written with prefix {cpre!r}")

    # 6.6.2.3.1-1: "All properties specified in XMP form shall use either the
    # predefined schemas defined in the XMP Specification, ISO 19005-1 or this
    # part of ISO 19005, or any extension schemas that comply with 6.6.2.3.2".
    declared = x.extension_properties()
    R.rule("6.6.2.3.1-1")
    for ns, local, prefix, _ in x.props:
        known = PREDEFINED.get(ns, False)
        if known is None or (known and local in known) or (ns, local) in declared:
            continue
        R.fail("6.6.2.3.1-1", "XMP property neither predefined in XMP 2005 nor described "
               "by a pdfaExtension schema", f"{prefix}:{local} ({ns})")
    return x


def check_info_vs_xmp(pdf, x):
    # [PDF/A-1 6.7.3-2] "The value of Title entry from the document information
    # dictionary, if present, and its analogous XMP property dc:title
    # ['x-default'] shall be equivalent". The PDF/A-2/3 profiles dropped the
    # Info/XMP equivalence rules, but Preflight (PDF/A-1) still applies them
    # and readers show one or the other, so a mismatch is reported here.
    rule = "[PDF/A-1 6.7.3-2]"
    R.rule(rule)
    info = pdf.trailer.get("/Info")
    t = text(info.get("/Title")) if isinstance(info, Dictionary) and "/Title" in info else None
    if t is None:
        return
    if x is None:
        R.fail(rule, "Info /Title is set but there is no XMP dc:title to match it")
        return
    xt = x.title()
    if xt is None:
        R.fail(rule, "Info /Title is set but the XMP has no dc:title")
    elif xt != t:
        R.fail(rule, f"Info /Title {t!r} differs from XMP dc:title {xt!r}")


def check_other_metadata(walk, catalog_md):
    # 6.6.2.1-4/5 apply to "all metadata streams present in the PDF", not only
    # the catalog's: page, font or image metadata must parse too.
    for o, k, _ in walk.dicts():
        if isinstance(o, Stream) and k == "/Metadata" and o.objgen != catalog_md:
            x = Xmp(o.read_bytes())
            if x.text is None:
                R.fail("6.6.2.1-5", f"an XMP packet is {x.error}", ref(o))
            elif x.error:
                R.fail("6.6.2.1-4", f"an XMP packet is {x.error}", ref(o))


# ---------------------------------------------------------------- colour

ICC_CS = {b"GRAY": 1, b"RGB ": 3, b"CMYK": 4, b"Lab ": 3}


def icc_header(stream):
    """(device class, colour space, major version) of an ICC profile stream."""
    try:
        d = stream.read_bytes()
    except Exception:
        return None
    if len(d) < 128 or d[36:40] != b"acsp":
        return None
    return d[12:16], d[16:20], d[8] + (d[9] >> 4) / 10


def check_output_intents(pdf, scan):
    """Returns the colour space of the PDF/A output intent ('RGB ', 'CMYK',
    'GRAY') or None."""
    ois = [oi for oi in as_list(pdf.Root.get("/OutputIntents")) if isinstance(oi, Dictionary)]
    pdfa = [oi for oi in ois if name(oi.get("/S")) == "/GTS_PDFA1"]
    # [ISO 19005-2 6.2.3] A PDF/A OutputIntent is an OutputIntents entry with
    # /S /GTS_PDFA1 and an ICC profile as DestOutputProfile. PDF/A-2 needs one
    # as soon as a device colour space is used (6.2.4.3-2/3/4 below), which
    # every cairo page does (rg, RG and a DeviceRGB page group); a file that
    # uses only ICCBased colour needs none.
    R.rule("6.2.3")
    if not pdfa:
        used = [s.strip() for s in ("RGB ", "CMYK", "GRAY") if scan.uses[s]]
        if used:
            R.fail("6.2.3", "no OutputIntent with /S /GTS_PDFA1 in the catalog's "
                   f"/OutputIntents, and the pages use Device{'/'.join(used)}")
        else:
            R.note("no PDF/A OutputIntent: none needed, no device colour space is used")
        return None
    # 6.2.3-2: "If a file's OutputIntents array contains more than one entry
    # ... all entries that contain a DestOutputProfile key shall have as the
    # value of that key the same indirect object".
    R.rule("6.2.3-2")
    profiles = {oi.DestOutputProfile.objgen for oi in ois if "/DestOutputProfile" in oi}
    if len(profiles) > 1:
        R.fail("6.2.3-2", "OutputIntents name different DestOutputProfile objects")
    oi = pdfa[0]
    prof = oi.get("/DestOutputProfile")
    # 6.2.3-1: "The profile stream that is the value of the DestOutputProfile
    # key shall either be an output profile (Device Class = "prtr") or a
    # monitor profile (Device Class = "mntr"). The profiles shall have a
    # colour space of either "GRAY", "RGB", or "CMYK"" (and version < 5).
    R.rule("6.2.3-1")
    if not isinstance(prof, Stream):
        R.fail("6.2.3-1", "the PDF/A OutputIntent has no DestOutputProfile stream", ref(oi))
        return None
    h = icc_header(prof)
    if h is None:
        R.fail("6.2.3-1", "DestOutputProfile is not an ICC profile (no 'acsp' header)", ref(prof))
        return None
    cls, cs, ver = h
    if cls not in (b"prtr", b"mntr") or cs not in (b"GRAY", b"RGB ", b"CMYK") or ver >= 5:
        R.fail("6.2.3-1", f"DestOutputProfile is class {cls!r}, space {cs!r}, version {ver}",
               ref(prof))
    # [ISO 32000-1 8.6.5.5, Table 66] The ICC stream's /N "shall match the
    # number of components actually in the ICC profile".
    rule = "6.2.3-1 [ISO 32000-1 8.6.5.5 /N]"
    R.rule(rule)
    n = prof.get("/N")
    if n != ICC_CS.get(cs):
        R.fail(rule, f"DestOutputProfile /N is {n}, its ICC colour space {cs!r} has "
               f"{ICC_CS.get(cs)} components", ref(prof))
    return cs.decode()


def check_icc_based(walk):
    # 6.2.4.2-1: "The profile that forms the stream of an ICCBased colour
    # space shall conform to ICC.1:1998-09, ICC.1:2001-12, ICC.1:2003-09 or
    # ISO 15076-1" (class prtr/mntr/scnr/spac, space GRAY/RGB/CMYK/Lab,
    # version < 5); /N as for the output profile.
    R.rule("6.2.4.2-1")
    for o, _, _ in walk.items:
        if isinstance(o, Array) and len(o) == 2 and name(o[0]) == "/ICCBased" \
                and isinstance(o[1], Stream):
            h = icc_header(o[1])
            if h is None or h[0] not in (b"prtr", b"mntr", b"scnr", b"spac") \
                    or h[1] not in ICC_CS or h[2] >= 5 or o[1].get("/N") != ICC_CS.get(h[1]):
                R.fail("6.2.4.2-1", "an ICCBased colour space's profile is invalid or its "
                       "/N does not match it", ref(o[1]))


INLINE_KEYS = {"/BPC": "/BitsPerComponent", "/CS": "/ColorSpace", "/D": "/Decode",
               "/DP": "/DecodeParms", "/F": "/Filter", "/H": "/Height", "/IM": "/ImageMask",
               "/I": "/Interpolate", "/W": "/Width", "/L": "/Length"}
INLINE_CS = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}


def inline_image_dict(img):
    """An inline image's dictionary with the abbreviations expanded. It is read
    from the raw key/value list: pikepdf 6's own .obj reads the key /I as
    /Indexed where an inline image dictionary means /Interpolate."""
    raw = list(getattr(img, "_image_object", []))
    d = {}
    for k, v in zip(raw[0::2], raw[1::2]):
        k = INLINE_KEYS.get(str(k), str(k))
        if k == "/ColorSpace" and name(v) in INLINE_CS:
            v = Name(INLINE_CS[name(v)])
        d[k] = v
    return d


class ContentScan:
    """Reads every content stream (pages, Form XObjects they invoke, annotation
    appearances) once, for the rules that look at operators: device colour
    spaces (6.2.4.3), q nesting (6.1.13-8), rendering intents (6.2.6-1),
    inline images (6.1.10-1, 6.2.8-3)."""

    DEVICE = {"/DeviceRGB": "RGB ", "/DeviceCMYK": "CMYK", "/DeviceGray": "GRAY",
              "/RGB": "RGB ", "/CMYK": "CMYK", "/G": "GRAY"}
    OPS = {"rg": "RGB ", "RG": "RGB ", "k": "CMYK", "K": "CMYK", "g": "GRAY", "G": "GRAY"}

    def __init__(self, pdf):
        self.uses = collections.defaultdict(collections.Counter)   # cs -> page -> n
        self.seen_forms = set()
        self.max_q = (0, None)
        self.intents = []
        for i, page in enumerate(pdf.pages):
            where = f"page {i + 1}"
            res = page.obj.get("/Resources")
            g = page.obj.get("/Group")
            if isinstance(g, Dictionary):
                self.colour_space(g.get("/CS"), res, where)
            self.scan(page, res, where)
            for a in as_list(page.obj.get("/Annots")):
                ap = a.get("/AP") if isinstance(a, Dictionary) else None
                for s in self.appearance_streams(ap):
                    self.form(s, res, where + " annotation")

    @staticmethod
    def appearance_streams(ap):
        if not isinstance(ap, Dictionary):
            return []
        out = []
        for k in ap.keys():
            v = ap[k]
            if isinstance(v, Stream):
                out.append(v)
            elif isinstance(v, Dictionary):
                out += [v[s] for s in v.keys() if isinstance(v[s], Stream)]
        return out

    def colour_space(self, cs, res, where, depth=0):
        """Records a use of a device colour space, following resource names,
        Indexed bases and Separation/DeviceN alternates."""
        if cs is None or depth > 5:
            return
        n = name(cs)
        if n in self.DEVICE:
            space = self.DEVICE[n]
            # A DefaultRGB/CMYK/Gray in the resources makes the device space
            # device-independent (6.2.4.3-2/3/4 "if a device independent
            # DefaultRGB colour space has been set").
            csd = res.get("/ColorSpace") if isinstance(res, Dictionary) else None
            default = {"RGB ": "/DefaultRGB", "CMYK": "/DefaultCMYK", "GRAY": "/DefaultGray"}[space]
            if not (isinstance(csd, Dictionary) and default in csd):
                self.uses[space][where] += 1
            return
        if n is not None:
            csd = res.get("/ColorSpace") if isinstance(res, Dictionary) else None
            if isinstance(csd, Dictionary) and n in csd:
                self.colour_space(csd[n], res, where, depth + 1)
            return
        if isinstance(cs, Array) and len(cs):
            fam = name(cs[0])
            if fam == "/Indexed" and len(cs) > 1:
                self.colour_space(cs[1], res, where, depth + 1)
            elif fam in ("/Separation", "/DeviceN") and len(cs) > 2:
                self.colour_space(cs[2], res, where, depth + 1)

    def scan(self, target, res, where):
        try:
            ops = pikepdf.parse_content_stream(target)
        except Exception as e:
            R.fail("[ISO 32000-1 7.8.2]", f"a content stream does not parse: {e}", where)
            return
        depth = 0
        for ins in ops:
            operands, op = ins.operands, str(ins.operator)
            if op == "q":
                depth += 1
                if depth > self.max_q[0]:
                    self.max_q = (depth, where)
            elif op == "Q":
                depth -= 1
            elif op in self.OPS:
                self.colour_space(Name("/DeviceRGB" if self.OPS[op] == "RGB " else
                                       "/DeviceCMYK" if self.OPS[op] == "CMYK" else
                                       "/DeviceGray"), res, where)
            elif op in ("cs", "CS") and operands:
                self.colour_space(operands[0], res, where)
            elif op == "ri" and operands:
                self.intents.append((name(operands[0]), where))
            elif op == "gs" and operands:
                gs = (res.get("/ExtGState") or {}).get(operands[0]) \
                    if isinstance(res, Dictionary) else None
                if isinstance(gs, Dictionary) and "/RI" in gs:
                    self.intents.append((name(gs.RI), where))
            elif op == "INLINE IMAGE":
                d = inline_image_dict(operands[0])
                cs = d.get("/ColorSpace")
                if d.get("/ImageMask") is not True:
                    self.colour_space(cs, res, where)
                # 6.2.8-3: "For an inline image, the I key shall have a value
                # of false".
                R.rule("6.2.8-3")
                if d.get("/Interpolate") is True:
                    R.fail("6.2.8-3", "an inline image has /I true", where)
                # 6.1.10-1: "The value of the F key in the Inline Image
                # dictionary shall not be LZW, LZWDecode, Crypt, a value not
                # listed in ISO 32000-1:2008, Table 6, or an array containing
                # any such value".
                R.rule("6.1.10-1")
                for f in as_list(d.get("/Filter")):
                    if name(f) not in ALLOWED_FILTERS | {"/AHx", "/A85", "/Fl", "/RL",
                                                         "/CCF", "/DCT"}:
                        R.fail("6.1.10-1", f"inline image filter {f} is not permitted", where)
            elif op == "Do" and operands and isinstance(res, Dictionary):
                xo = (res.get("/XObject") or {}).get(operands[0])
                if isinstance(xo, Stream):
                    st = name(xo.get("/Subtype"))
                    if st == "/Image" and xo.get("/ImageMask") is not True:
                        self.colour_space(xo.get("/ColorSpace"), res, where)
                    elif st == "/Form":
                        self.form(xo, res, where)

    def form(self, xo, parent_res, where):
        # A form's own /Resources, or (deprecated) its caller's.
        key = (xo.objgen, where)
        if key in self.seen_forms:
            return
        self.seen_forms.add(key)
        res = xo.get("/Resources", parent_res)
        g = xo.get("/Group")
        if isinstance(g, Dictionary):
            self.colour_space(g.get("/CS"), res, where)
        self.scan(xo, res, where)


def check_colour(pdf, walk, oi_cs, scan):
    # 6.2.4.3-2: "DeviceRGB shall only be used if a device independent
    # DefaultRGB colour space has been set when the DeviceRGB colour space is
    # used, or if the file has a PDF/A OutputIntent that contains an RGB
    # destination profile". 6.2.4.3-3 likewise for DeviceCMYK (CMYK profile),
    # 6.2.4.3-4 for DeviceGray (any PDF/A OutputIntent).
    for rule, space, label in (("6.2.4.3-2", "RGB ", "DeviceRGB"),
                               ("6.2.4.3-3", "CMYK", "DeviceCMYK"),
                               ("6.2.4.3-4", "GRAY", "DeviceGray")):
        R.rule(rule)
        ok = oi_cs is not None if space == "GRAY" else oi_cs == space
        if ok:
            continue
        for where, n in scan.uses[space].items():
            R.fail(rule, f"{label} used (rg/RG/k/K/g/G/cs, an image or a transparency "
                   f"group) with no {'PDF/A' if space == 'GRAY' else label[6:]} OutputIntent "
                   "nor Default colour space", where, n)
    # 6.1.13-8: "A conforming file shall not nest q/Q pairs by more than 28
    # nesting levels".
    R.rule("6.1.13-8")
    if scan.max_q[0] > 28:
        R.fail("6.1.13-8", f"q/Q nested {scan.max_q[0]} deep", scan.max_q[1])
    # 6.2.6-1: "Where a rendering intent is specified, its value shall be one
    # of the four values defined in ISO 32000-1:2008, Table 70".
    R.rule("6.2.6-1")
    intents = {"/RelativeColorimetric", "/AbsoluteColorimetric", "/Perceptual", "/Saturation"}
    for ri, where in scan.intents:
        if ri not in intents:
            R.fail("6.2.6-1", f"rendering intent {ri} is not one of Table 70", where)
    for o, k, _ in walk.dicts():
        if isinstance(o, Stream) and name(o.get("/Subtype")) == "/Image" and "/Intent" in o:
            if name(o.Intent) not in intents:
                R.fail("6.2.6-1", f"image rendering intent {o.Intent} is not one of Table 70",
                       ref(o))
    check_icc_based(walk)


# ---------------------------------------------------------------- graphics


def check_graphics(walk):
    blend = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken",
             "/Lighten", "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight",
             "/Difference", "/Exclusion", "/Hue", "/Saturation", "/Color", "/Luminosity"}
    for r in ("6.2.5-1", "6.2.5-2", "6.2.5-3", "6.2.8-1", "6.2.8-2", "6.2.8-3", "6.2.8-4",
              "6.2.8-5", "6.2.9-1", "6.2.9-2", "6.2.9-3", "6.2.10-1"):
        R.rule(r)
    for o, k, parent in walk.dicts():
        st = name(o.get("/Subtype"))
        # ExtGState dictionaries: the values of a resource /ExtGState
        # dictionary, or anything typed /ExtGState.
        is_gs = name(o.get("/Type")) == "/ExtGState" or (k is not None and parent == "/ExtGState")
        if is_gs:
            # 6.2.5-1: "An ExtGState dictionary shall not contain the TR key".
            if "/TR" in o:
                R.fail("6.2.5-1", "ExtGState has /TR", ref(o))
            # 6.2.5-2: "... shall not contain the TR2 key with a value other
            # than Default".
            if "/TR2" in o and name(o.TR2) != "/Default":
                R.fail("6.2.5-2", "ExtGState has /TR2 other than /Default", ref(o))
            # 6.2.5-3: "An ExtGState dictionary shall not contain the HTP key".
            if "/HTP" in o:
                R.fail("6.2.5-3", "ExtGState has /HTP", ref(o))
            # 6.2.10-1: "Only blend modes that are specified in ISO
            # 32000-1:2008 shall be used for the value of the BM key".
            for bm in as_list(o.get("/BM")):
                if name(bm) not in blend:
                    R.fail("6.2.10-1", f"blend mode {bm} is not one of ISO 32000-1", ref(o))
        if isinstance(o, Stream) and st == "/Image":
            # 6.2.8-1: "An Image dictionary shall not contain the Alternates key".
            if "/Alternates" in o:
                R.fail("6.2.8-1", "image has /Alternates", ref(o))
            # 6.2.8-2: "An Image dictionary shall not contain the OPI key".
            if "/OPI" in o:
                R.fail("6.2.8-2", "image has /OPI", ref(o))
            # 6.2.8-3: "If an Image dictionary contains the Interpolate key,
            # its value shall be false".
            if o.get("/Interpolate") is True:
                R.fail("6.2.8-3", "image has /Interpolate true", ref(o))
            # 6.2.8-4: "If an Image dictionary contains the BitsPerComponent
            # key, its value shall be 1, 2, 4, 8 or 16"; 6.2.8-5: an image
            # mask's shall be 1.
            bpc = o.get("/BitsPerComponent")
            if o.get("/ImageMask") is True:
                if bpc not in (None, 1):
                    R.fail("6.2.8-5", f"image mask has /BitsPerComponent {bpc}", ref(o))
            elif bpc not in (None, 1, 2, 4, 8, 16):
                R.fail("6.2.8-4", f"image has /BitsPerComponent {bpc}", ref(o))
        if isinstance(o, Stream) and st == "/Form":
            # 6.2.9-1: "A form XObject dictionary shall not contain ... the OPI
            # key; the Subtype2 key with a value of PS; the PS key".
            if "/OPI" in o or "/PS" in o or name(o.get("/Subtype2")) == "/PS":
                R.fail("6.2.9-1", "form XObject has /OPI, /PS or /Subtype2 /PS", ref(o))
            # 6.2.9-2: "A conforming file shall not contain any reference XObjects".
            if "/Ref" in o:
                R.fail("6.2.9-2", "form XObject is a reference XObject (/Ref)", ref(o))
        # 6.2.9-3: "A conforming file shall not contain any PostScript XObjects".
        if isinstance(o, Stream) and st == "/PS" and name(o.get("/Type")) in (None, "/XObject"):
            R.fail("6.2.9-3", "PostScript XObject", ref(o))


def check_page_boxes(pdf):
    # 6.1.13-11: "The size of any of the page boundaries ... shall not be less
    # than 3 units in either direction, nor shall it be greater than 14 400".
    R.rule("6.1.13-11")
    for i, page in enumerate(pdf.pages):
        for box in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
            b = page.obj.get(box)
            if isinstance(b, Array) and len(b) == 4:
                w, h = abs(float(b[2]) - float(b[0])), abs(float(b[3]) - float(b[1]))
                if not (3 <= w <= 14400 and 3 <= h <= 14400):
                    R.fail("6.1.13-11", f"{box} is {w:g} x {h:g}", f"page {i + 1}")


# ---------------------------------------------------------------- fonts

STANDARD_CMAPS = set("""Identity-H Identity-V GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V
GBK-EUC-H GBK-EUC-V GBKp-EUC-H GBKp-EUC-V GBK2K-H GBK2K-V UniGB-UCS2-H UniGB-UCS2-V
UniGB-UTF16-H UniGB-UTF16-V B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V ETen-B5-H ETen-B5-V
ETenms-B5-H ETenms-B5-V CNS-EUC-H CNS-EUC-V UniCNS-UCS2-H UniCNS-UCS2-V UniCNS-UTF16-H
UniCNS-UTF16-V 83pv-RKSJ-H 90ms-RKSJ-H 90ms-RKSJ-V 90msp-RKSJ-H 90msp-RKSJ-V 90pv-RKSJ-H
Add-RKSJ-H Add-RKSJ-V EUC-H EUC-V Ext-RKSJ-H Ext-RKSJ-V H V UniJIS-UCS2-H UniJIS-UCS2-V
UniJIS-UCS2-HW-H UniJIS-UCS2-HW-V UniJIS-UTF16-H UniJIS-UTF16-V KSC-EUC-H KSC-EUC-V
KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H KSCms-UHC-HW-V KSCpc-EUC-H UniKS-UCS2-H
UniKS-UCS2-V UniKS-UTF16-H UniKS-UTF16-V""".split())
FONT_SUBTYPES = {"/Type1", "/MMType1", "/TrueType", "/Type3", "/Type0", "/CIDFontType0",
                 "/CIDFontType2"}


def check_fonts(walk):
    for r in ("6.2.11.2-1", "6.2.11.2-2", "6.2.11.2-3", "6.2.11.2-4", "6.2.11.2-5",
              "6.2.11.2-6", "6.2.11.2-7", "6.2.11.3.2-1", "6.2.11.3.3-1", "6.2.11.4.1-1",
              "6.2.11.6-2", "6.2.11.6-3"):
        R.rule(r)
    cidset_missing = 0
    for o, k, parent in walk.dicts():
        if isinstance(o, Stream):
            continue
        typ, st = name(o.get("/Type")), name(o.get("/Subtype"))
        # Font dictionaries: typed /Font, or the values of a resource /Font
        # dictionary, or a Type0 font's descendant.
        if typ != "/Font" and not (st in FONT_SUBTYPES and "/BaseFont" in o):
            continue
        bf = str(o.get("/BaseFont", "(Type3)"))
        where = f"{bf} {ref(o)}".strip()
        # 6.2.11.2-1: "Type ... must be Font for a font dictionary".
        if typ != "/Font":
            R.fail("6.2.11.2-1", "font dictionary lacks /Type /Font", where)
        # 6.2.11.2-2: the Subtype must be one of the font types of ISO 32000-1.
        if st not in FONT_SUBTYPES:
            R.fail("6.2.11.2-2", f"font /Subtype {st} is not a font type", where)
            continue
        # 6.2.11.2-3: "BaseFont - name - (Required)" except for Type 3.
        if st != "/Type3" and name(o.get("/BaseFont")) is None:
            R.fail("6.2.11.2-3", "font has no /BaseFont", where)
        fd = o.get("/FontDescriptor")
        simple = st in ("/Type1", "/MMType1", "/TrueType", "/Type3")
        std14 = st == "/Type1" and fd is None
        # 6.2.11.2-4/5/6: FirstChar, LastChar and a Widths array of
        # (LastChar - FirstChar + 1) entries, required except for the
        # standard 14 fonts.
        if simple and not std14:
            fc, lc, w = o.get("/FirstChar"), o.get("/LastChar"), o.get("/Widths")
            if fc is None:
                R.fail("6.2.11.2-4", "simple font has no /FirstChar", where)
            if lc is None:
                R.fail("6.2.11.2-5", "simple font has no /LastChar", where)
            if fc is not None and lc is not None and (not isinstance(w, Array)
                                                      or len(w) != int(lc) - int(fc) + 1):
                R.fail("6.2.11.2-6", "simple font's /Widths is missing or not "
                       "LastChar-FirstChar+1 long", where)
        if st == "/Type0":
            # 6.2.11.3.3-1: "All CMaps used within a PDF/A-2 file, except
            # those listed in ISO 32000-1:2008, 9.7.5.2, Table 118, shall be
            # embedded".
            enc = o.get("/Encoding")
            if name(enc) is not None and name(enc)[1:] not in STANDARD_CMAPS:
                R.fail("6.2.11.3.3-1", f"CMap {enc} is neither predefined nor embedded", where)
            continue            # its descendant CIDFont carries the font program
        if st == "/Type3":
            continue
        files = [fd.get(f) for f in ("/FontFile", "/FontFile2", "/FontFile3")] \
            if isinstance(fd, Dictionary) else []
        embedded = any(isinstance(f, Stream) for f in files)
        # 6.2.11.4.1-1: "The font programs for all fonts used for rendering
        # within a conforming file shall be embedded".
        if not embedded:
            R.fail("6.2.11.4.1-1", "font program not embedded (no FontFile, FontFile2 or "
                   "FontFile3)", where)
        # 6.2.11.2-7: the Subtype of a FontFile3 stream shall be Type1C,
        # CIDFontType0C or OpenType.
        ff3 = fd.get("/FontFile3") if isinstance(fd, Dictionary) else None
        if isinstance(ff3, Stream) and name(ff3.get("/Subtype")) not in (
                None, "/Type1C", "/CIDFontType0C", "/OpenType"):
            R.fail("6.2.11.2-7", f"FontFile3 /Subtype {ff3.get('/Subtype')}", where)
        # 6.2.11.3.2-1: "all embedded Type 2 CIDFonts in the CIDFont dictionary
        # shall contain a CIDToGIDMap entry that shall be a stream mapping from
        # CIDs to glyph indices or the name Identity".
        if st == "/CIDFontType2" and embedded:
            m = o.get("/CIDToGIDMap")
            if not (isinstance(m, Stream) or name(m) == "/Identity"):
                R.fail("6.2.11.3.2-1", "embedded CIDFontType2 has no /CIDToGIDMap "
                       "(Identity or a stream)", where)
        # PDF/A-2 does not require a CIDSet (6.2.11.4.2-2 only says that one
        # present shall list every CID); PDF/A-1 does (Preflight 3.1.11).
        if st in ("/CIDFontType0", "/CIDFontType2") and isinstance(fd, Dictionary) \
                and "/CIDSet" not in fd:
            cidset_missing += 1
        # 6.2.11.6-2: "All non-symbolic TrueType fonts shall have either
        # MacRomanEncoding or WinAnsiEncoding as the value for the Encoding key
        # ... or as the value for the BaseEncoding key". 6.2.11.6-3: "Symbolic
        # TrueType fonts shall not contain an Encoding entry".
        if st == "/TrueType" and isinstance(fd, Dictionary):
            flags = int(fd.get("/Flags", 0))
            symbolic = bool(flags & 4)
            enc = o.get("/Encoding")
            if symbolic and enc is not None:
                R.fail("6.2.11.6-3", "symbolic TrueType font has an /Encoding", where)
            if not symbolic:
                base = enc.get("/BaseEncoding") if isinstance(enc, Dictionary) else enc
                if name(base) not in ("/MacRomanEncoding", "/WinAnsiEncoding"):
                    R.fail("6.2.11.6-2", f"non-symbolic TrueType font's encoding is {base}, "
                           "not WinAnsi or MacRoman", where)
    if cidset_missing:
        R.note(f"{cidset_missing} CIDFont(s) have no /CIDSet: allowed by PDF/A-2/3; "
               "PDF/A-1 requires one (Preflight 3.1.11)")


# ---------------------------------------------------------------- annotations

ANNOT_TYPES = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon",
               "/PolyLine", "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Stamp",
               "/Caret", "/Ink", "/Popup", "/FileAttachment", "/Widget", "/PrinterMark",
               "/TrapNet", "/Watermark", "/Redact"}


def check_annotations(pdf):
    for r in ("6.3.1-1", "6.3.2-1", "6.3.2-2", "6.3.3-1", "6.3.3-2", "6.3.3-4", "6.4.1-1"):
        R.rule(r)
    for i, page in enumerate(pdf.pages):
        for a in as_list(page.obj.get("/Annots")):
            if not isinstance(a, Dictionary):
                continue
            st = name(a.get("/Subtype"))
            where = f"page {i + 1} {st} {ref(a)}".strip()
            # 6.3.1-1: "Annotation types not defined in ISO 32000-1 shall not
            # be permitted. Additionally, the 3D, Sound, Screen and Movie types
            # shall not be permitted".
            if st not in ANNOT_TYPES:
                R.fail("6.3.1-1", f"annotation type {st} is not permitted", where)
            # 6.3.2-1: "Except for annotation dictionaries whose Subtype value
            # is Popup, all annotation dictionaries shall contain the F key".
            f = a.get("/F")
            if st != "/Popup" and f is None:
                R.fail("6.3.2-1", "annotation has no /F (flags)", where)
            # 6.3.2-2: "If present, the F key's Print flag bit shall be set to
            # 1 and its Hidden, Invisible, ToggleNoView, and NoView flag bits
            # shall be set to 0" (Invisible 1, Hidden 2, Print 4, NoView 32,
            # ToggleNoView 256).
            if f is not None:
                f = int(f)
                if not (f & 4) or f & (1 | 2 | 32 | 256):
                    R.fail("6.3.2-2", f"annotation /F {f}: Print must be set and "
                           "Invisible, Hidden, NoView, ToggleNoView clear", where)
            # 6.3.3-1: every annotation, except Popup and Link and those of
            # zero size, "shall have at least one appearance dictionary".
            rect = [float(v) for v in as_list(a.get("/Rect"))]
            zero = len(rect) == 4 and rect[0] == rect[2] and rect[1] == rect[3]
            ap = a.get("/AP")
            if st not in ("/Popup", "/Link") and not zero and ap is None:
                R.fail("6.3.3-1", "annotation has no appearance (/AP)", where)
            if isinstance(ap, Dictionary):
                # 6.3.3-2: "the appearance dictionary that it defines as its
                # value shall contain only the N key".
                if set(ap.keys()) != {"/N"}:
                    R.fail("6.3.3-2", f"/AP has {sorted(ap.keys())}, only /N is allowed", where)
                # 6.3.3-4: for anything but a Btn widget, "the value of the N
                # key shall be an appearance stream".
                btn = st == "/Widget" and name(a.get("/FT")) == "/Btn"
                if not btn and not isinstance(ap.get("/N"), Stream):
                    R.fail("6.3.3-4", "/AP /N is not a stream", where)
            # 6.4.1-1: "A Widget annotation dictionary shall not contain the A
            # or AA keys".
            if st == "/Widget" and ("/A" in a or "/AA" in a):
                R.fail("6.4.1-1", "widget annotation has /A or /AA", where)


# ---------------------------------------------------------------- actions

ALLOWED_ACTIONS = {"/GoTo", "/GoToR", "/GoToE", "/Thread", "/URI", "/Named", "/SubmitForm"}


def check_actions(pdf, walk):
    for r in ("6.5.1-1", "6.5.1-2", "6.5.2-1", "6.5.2-2"):
        R.rule(r)
    for o, k, parent in walk.dicts():
        # An action: a dictionary typed /Action, or one under /A, /OpenAction,
        # /Next or an /AA dictionary that has an /S name (a structure
        # attribute under /A has /O instead; an outline item under /Next has
        # /Title).
        in_aa = parent == "/AA"
        is_action = name(o.get("/Type")) == "/Action" or (
            (k in ("/A", "/OpenAction", "/Next") or in_aa)
            and name(o.get("/S")) is not None and "/O" not in o and "/Title" not in o)
        if not is_action:
            continue
        s = name(o.get("/S"))
        # 6.5.1-1: "The Launch, Sound, Movie, ResetForm, ImportData, Hide,
        # SetOCGState, Rendition, Trans, GoTo3DView and JavaScript actions shall
        # not be permitted. Additionally, the deprecated set-state and no-op
        # actions shall not be permitted".
        if s not in ALLOWED_ACTIONS:
            R.fail("6.5.1-1", f"action {s} is not permitted", ref(o) or f"under {k}")
        # 6.5.1-2: "Named actions other than NextPage, PrevPage, FirstPage, and
        # LastPage shall not be permitted".
        if s == "/Named" and name(o.get("/N")) not in ("/NextPage", "/PrevPage",
                                                       "/FirstPage", "/LastPage"):
            R.fail("6.5.1-2", f"named action {o.get('/N')} is not permitted", ref(o))
    # 6.5.2-1: "The document's Catalog shall not include an AA entry".
    if "/AA" in pdf.Root:
        R.fail("6.5.2-1", "the catalog has /AA")
    # 6.5.2-2: "The Page dictionary shall not include an AA entry".
    for i, page in enumerate(pdf.pages):
        if "/AA" in page.obj:
            R.fail("6.5.2-2", "page has /AA", f"page {i + 1}")


# ---------------------------------------------------------------- catalog


def check_catalog(pdf):
    root = pdf.Root
    for r in ("6.4.1-3", "6.4.2-1", "6.4.2-2", "6.1.12-1", "6.9-1", "6.9-2", "6.9-4",
              "6.10-1", "6.10-2", "6.11-1"):
        R.rule(r)
    af = root.get("/AcroForm")
    if isinstance(af, Dictionary):
        # 6.4.1-3: "The NeedAppearances flag of the interactive form dictionary
        # shall either not be present or shall be false".
        if af.get("/NeedAppearances") is True:
            R.fail("6.4.1-3", "AcroForm /NeedAppearances true")
        # 6.4.2-1: the AcroForm "shall not contain the XFA key".
        if "/XFA" in af:
            R.fail("6.4.2-1", "AcroForm has /XFA")
    # 6.4.2-2: "A document's Catalog shall not contain the NeedsRendering key"
    # (the test is NeedsRendering == false: absent or false).
    if root.get("/NeedsRendering") is True:
        R.fail("6.4.2-2", "the catalog has /NeedsRendering true")
    # 6.1.12-1: "No keys other than UR3 and DocMDP shall be present in a
    # permissions dictionary".
    perms = root.get("/Perms")
    if isinstance(perms, Dictionary):
        extra = set(perms.keys()) - {"/UR3", "/DocMDP"}
        if extra:
            R.fail("6.1.12-1", f"/Perms has {sorted(extra)}")
    # 6.9-1/2/4: every optional content configuration dictionary (D and
    # Configs) "shall contain the Name key", unique, and no AS key.
    ocp = root.get("/OCProperties")
    if isinstance(ocp, Dictionary):
        configs = [ocp.get("/D")] + as_list(ocp.get("/Configs"))
        names = []
        for c in configs:
            if not isinstance(c, Dictionary):
                continue
            n = text(c.get("/Name")) if "/Name" in c else ""
            if not n:
                R.fail("6.9-1", "an optional content configuration has no /Name")
            names.append(n)
            if "/AS" in c:
                R.fail("6.9-4", "an optional content configuration has /AS")
        if len(names) != len(set(names)):
            R.fail("6.9-2", "optional content configuration names repeat")
    # 6.10-1: "There shall be no AlternatePresentations entry in the
    # document's name dictionary".
    names = root.get("/Names")
    if isinstance(names, Dictionary) and "/AlternatePresentations" in names:
        R.fail("6.10-1", "the name dictionary has /AlternatePresentations")
    # 6.10-2: "There shall be no PresSteps entry in any Page dictionary".
    for i, page in enumerate(pdf.pages):
        if "/PresSteps" in page.obj:
            R.fail("6.10-2", "page has /PresSteps", f"page {i + 1}")
    # 6.11-1: "The document catalog shall not contain the Requirements key".
    if "/Requirements" in root:
        R.fail("6.11-1", "the catalog has /Requirements")


# ---------------------------------------------------------------- embedded files

MIME = re.compile(r"^[-\w+.]+/[-\w+.]+$")


def af_members(walk):
    """objgen of every file specification listed in some /AF array, and where."""
    out = {}
    for o, k, parent in walk.dicts():
        af = o.get("/AF")
        for fs in as_list(af):
            if isinstance(fs, Dictionary):
                where = "catalog" if name(o.get("/Type")) == "/Catalog" else \
                    f"{name(o.get('/Type')) or 'dict'} {ref(o)}".strip()
                out.setdefault(fs.objgen if fs.objgen != (0, 0) else id(fs), where)
    return out


def check_embedded_files(pdf, walk, part):
    specs = [o for o, _, _ in walk.dicts()
             if not isinstance(o, Stream) and isinstance(o.get("/EF"), Dictionary)]
    assoc = af_members(walk)
    # 6.8-2 (both parts): "The file specification dictionary for an embedded
    # file shall contain the F and UF keys".
    R.rule("6.8-2")
    if part == 2:
        R.rule("6.8-5")
    else:
        for r in ("6.8-1", "6.8-3", "6.8-4", "6.8 [ISO 32000-1 7.11.4 Params /ModDate]"):
            R.rule(r)
    for fs in specs:
        where = f"{text(fs.get('/UF', fs.get('/F', '?')))} {ref(fs)}".strip()
        if "/F" not in fs or "/UF" not in fs:
            R.fail("6.8-2", "embedded file's file specification lacks /F or /UF", where)
        ef = fs.EF.get("/F", fs.EF.get("/UF"))
        if not isinstance(ef, Stream):
            continue
        if part == 2:
            # 6.8-5: "A file specification dictionary ... may contain the EF
            # key, provided that the embedded file is compliant with either ISO
            # 19005-1 or this part of ISO 19005". Checked here only as far as
            # the file claims it: a PDF whose XMP says pdfaid:part 1 or 2 (run
            # this tool on the extracted file to check it further).
            data = ef.read_bytes()
            ok = False
            if data.startswith(b"%PDF-"):
                m = re.search(rb"pdfaid:part\s*(?:=\s*[\"']|>)\s*([0-9])", data)
                ok = bool(m and m.group(1) in (b"1", b"2"))
                if not m:
                    try:
                        import io
                        with pikepdf.open(io.BytesIO(data)) as inner:
                            md = inner.Root.get("/Metadata")
                            if isinstance(md, Stream):
                                m = re.search(rb"pdfaid:part\s*(?:=\s*[\"']|>)\s*([0-9])",
                                              md.read_bytes())
                                ok = bool(m and m.group(1) in (b"1", b"2"))
                    except Exception:
                        ok = False
            if not ok:
                R.fail("6.8-5", "embedded file is not a PDF that declares PDF/A-1 or "
                       "PDF/A-2 (PDF/A-2 embeds nothing else; use --part 3)", where)
            continue
        # 6.8-1 (part 3): "The MIME type of an embedded file ... shall be
        # specified using the Subtype key" of the embedded file stream
        # ("application/octet-stream" if unknown).
        sub = name(ef.get("/Subtype"))
        if sub is None or not MIME.match(sub[1:].replace("#2F", "/")):
            R.fail("6.8-1", f"embedded file stream's /Subtype {sub} is not a MIME type", where)
        # 6.8-3 (part 3): "The file specification dictionary shall contain key
        # AFRelationship of type Name".
        if name(fs.get("/AFRelationship")) is None:
            R.fail("6.8-3", "file specification has no /AFRelationship name", where)
        # 6.8-4 (part 3): the file specification shall be associated with the
        # document or a part of it, that is listed in an /AF array (of the
        # catalog for the document as a whole; of a page, annotation,
        # structure element or XObject for a part).
        og = fs.objgen if fs.objgen != (0, 0) else id(fs)
        if og not in assoc:
            R.fail("6.8-4", "file specification is in no /AF array (catalog or other)", where)
        elif assoc[og] != "catalog":
            R.note(f"{where} is associated through the /AF of {assoc[og]}, not the catalog's")
        # Not a rule of the veraPDF PDFA-3B profile: ISO 32000-1 7.11.4
        # (Table 45/46) gives the embedded file stream a /Params dictionary
        # with /ModDate, which PDF/A-3 archives (and ZUGFeRD / Factur-X) expect.
        prm = ef.get("/Params")
        if not (isinstance(prm, Dictionary) and "/ModDate" in prm):
            R.fail("6.8 [ISO 32000-1 7.11.4 Params /ModDate]",
                   "embedded file stream has no /Params /ModDate", where)


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdf")
    ap.add_argument("--part", type=int, choices=(2, 3), default=2,
                    help="ISO 19005 part to check against (default 2)")
    ap.add_argument("--conformance", choices=("B", "U", "A"), default="B",
                    help="the pdfaid:conformance the file should declare (default B)")
    args = ap.parse_args()
    try:
        with open(args.pdf, "rb") as f:
            data = f.read()
        pdf = pikepdf.open(args.pdf)
    except Exception as e:
        print(f"check_pdfa: {args.pdf}: {e}", file=sys.stderr)
        return 2

    check_file_bytes(data)
    check_trailer(pdf)
    walk = Walk(pdf)
    for o, _, _ in walk.items:
        if isinstance(o, Stream):
            check_stream(o)
    x = check_metadata(pdf, args.part, args.conformance)
    md = pdf.Root.get("/Metadata")
    check_other_metadata(walk, md.objgen if isinstance(md, Stream) else None)
    check_info_vs_xmp(pdf, x)
    scan = ContentScan(pdf)
    oi_cs = check_output_intents(pdf, scan)
    check_colour(pdf, walk, oi_cs, scan)
    check_graphics(walk)
    check_page_boxes(pdf)
    check_fonts(walk)
    check_annotations(pdf)
    check_actions(pdf, walk)
    check_catalog(pdf)
    check_embedded_files(pdf, walk, args.part)

    ok = R.print(f"check_pdfa: {args.pdf}: PDF/A-{args.part}{args.conformance.lower()} "
                 f"(rules of veraPDF PDFA-{args.part}B.xml)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
