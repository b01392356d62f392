#!/usr/bin/python3
"""Checks closeout YAML reports against the editor schema.

Usage: check_json_schema.py [--expect-invalid] REPORT.yaml...

Validates each report against schemas/report.schema.json (the JSON Schema that
yaml-language-server uses for completion and checking) and prints every
problem as FILE:LINE: PATH: MESSAGE.  Exit status: 0 if every file is valid,
1 if some file is not, 2 on usage or I/O errors.  With --expect-invalid the
test is reversed: exit status 0 only if every file FAILS validation (used for
the reports under tests/errors/), and the problems found are not printed.

The YAML is read the way closeout's build.c sees it: every scalar is text
(unquoted dates such as 2019-04-26 stay "2019-04-26", numbers such as 1.0 or
12500.50 keep their source text) and only an empty value, ~ and null are null.
Like closeout, the loader refuses duplicate keys, anchors, aliases and tags.

Needs Debian's python3-yaml and python3-jsonschema.
"""

import difflib
import json
import os
import re
import sys

try:
    import yaml
    import jsonschema
except ImportError as e:  # pragma: no cover
    sys.stderr.write("check_json_schema.py: %s (apt-get install -y python3-yaml python3-jsonschema)\n" % e)
    sys.exit(2)

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "..", "..", "schemas", "report.schema.json")

# What closeout refuses in a value, raw or escaped: C0 controls but tab and
# line ends, DEL, C1 controls but NEL, U+FFFE and U+FFFF.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text",
              "number": "text", "integer": "text", "boolean": "text", "null": "empty"}


class ReportLoader(yaml.SafeLoader):
    """A SafeLoader that keeps every scalar as text, as closeout does.

    Timestamps, numbers and booleans are not resolved: "2019-04-26", "1.0"
    and "yes" stay strings.  Only an empty plain scalar, "~" and "null" are
    null (closeout treats those as "no value").  Problems closeout refuses
    (duplicate keys, anchors, aliases, tags) are collected in .problems.
    """

    yaml_implicit_resolvers = {}

    def __init__(self, stream):
        super().__init__(stream)
        self.problems = []  # (mark, message)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.problems.append((event.start_mark,
                                  "alias '*%s': write the value out in full" % event.anchor))
        elif event.anchor is not None:
            self.problems.append((event.start_mark,
                                  "anchor '&%s': write each value out in full" % event.anchor))
        if isinstance(event, yaml.ScalarEvent):
            bad = FORBIDDEN.search(event.value)
            if bad:
                self.problems.append((event.start_mark, "forbidden character U+%04X in this value"
                                      % ord(bad.group())))
            explicit = event.tag is not None and not any(event.implicit)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            explicit = event.tag is not None and not event.implicit
        else:
            explicit = False
        if explicit:
            self.problems.append((event.start_mark, "tag '%s' is not allowed" % event.tag))
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append((key_node.start_mark,
                                      "a key must be a plain word, not a list or mapping"))
                continue
            key = key_node.value
            if key in mapping:
                self.problems.append((key_node.start_mark, "duplicate key '%s'" % key))
                continue  # closeout keeps the first one
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


ReportLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"),
                                   ["~", "n", ""])


class LoadError(Exception):
    """The file is not YAML closeout can read; .problems says why."""

    def __init__(self, problems):
        super().__init__()
        self.problems = problems


def load(path):
    """Returns (data, root node, problems); raises LoadError, OSError."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise LoadError(["%d: byte 0x%02X is not UTF-8; save the file as UTF-8" % (line, raw[e.start])])
    loader = ReportLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return data, node, loader.problems
    except yaml.YAMLError as e:
        out = ["%d: %s" % (m.line + 1, msg) for m, msg in loader.problems]
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        what = " ".join(x for x in (getattr(e, "context", None), getattr(e, "problem", None)) if x) or str(e)
        out.append("%s: %s" % (mark.line + 1 if mark else 1, what))
        raise LoadError(out)
    finally:
        loader.dispose()


def locate(node, path, key=False):
    """The YAML node at "path" (or its key node, if key), as far as it can be followed."""
    for i, step in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == step:
                    node = k if key and i == len(path) - 1 else v
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return node
    return node


def path_text(path):
    out = ""
    for step in path:
        if isinstance(step, int):
            out += " item %d" % (step + 1)
        else:
            out += ("." if out else "") + str(step)
    return out or "the report"


def leaves(err):
    """The errors that explain "err": inside oneOf/anyOf, those of the branches of the right type."""
    if err.validator not in ("oneOf", "anyOf") or not err.context:
        return [err]
    branches = {}
    for e in err.context:
        branches.setdefault(e.relative_schema_path[0], []).append(e)
    fitting = [errs for errs in branches.values()
               if not any(e.validator == "type" and not e.relative_path for e in errs)]
    if len(fitting) != 1:
        return [err]
    out = []
    for e in fitting[0]:
        out.extend(leaves(e))
    return out


def wanted(schema):
    """What a (oneOf) schema takes, in words."""
    kinds = []
    for s in schema.get("oneOf", schema.get("anyOf", [schema])):
        t = s.get("type")
        if t is None and "$ref" in s:
            t = {"prose": "string", "line": "string", "text": "string"}.get(s["$ref"].rsplit("/", 1)[-1], "object")
            if s["$ref"].endswith("Table") or s["$ref"].endswith("Lines"):
                t = "array"
        for n in (t if isinstance(t, list) else [t]):
            name = TYPE_NAMES.get(n, n)
            if name and name not in kinds and name != "empty":
                kinds.append(name)
    return " or ".join(kinds)


def describe(err):
    """[(path, message, point at the key)] for one leaf error."""
    v, inst, schema = err.validator, err.instance, err.schema
    path = list(err.absolute_path)
    if v == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        out = []
        for k in sorted(set(inst) - set(allowed)):
            near = difflib.get_close_matches(k, allowed, n=1, cutoff=0.6)
            hint = "did you mean '%s'?" % near[0] if near else "allowed: " + ", ".join(allowed)
            out.append((path + [k], "unknown key '%s'; %s" % (k, hint), True))
        return out
    if v == "required":
        m = re.match(r"'(.*)' is a required property", err.message)
        msg = "'%s' is missing" % m.group(1) if m else err.message
        if list(err.relative_schema_path)[-2:-1] == ["then"] and "description" in schema:
            msg += ": " + schema["description"]
        return [(path, msg, False)]
    if v == "type" or v in ("oneOf", "anyOf"):
        if inst is None:
            return [(path, "has no value", False)]
        want = wanted(schema) if v != "type" else " or ".join(
            dict.fromkeys(TYPE_NAMES.get(t, t) for t in (err.validator_value if isinstance(err.validator_value, list) else [err.validator_value])))
        got = TYPE_NAMES.get({dict: "object", list: "array"}.get(type(inst), "string"))
        return [(path, "must be %s, not %s" % (want, got), False)]
    if v == "pattern":
        if err.validator_value == r"\S":
            return [(path, "has no value", False)]
        return [(path, "'%s' is not valid: %s" % (inst, schema.get("description", "wrong form")), False)]
    if v == "enum":
        values = [str(x) for x in err.validator_value]
        near = difflib.get_close_matches(str(inst), values, n=1, cutoff=0.6)
        hint = "did you mean '%s'?" % near[0] if near else "use one of: " + ", ".join(values)
        return [(path, "'%s' is not allowed; %s" % (inst, hint), False)]
    if v == "not":
        return [(path, "has %s; keep one" % err.validator_value.get("description", "a forbidden combination"), False)]
    if v in ("minProperties", "maxProperties"):
        return [(path, "must hold exactly one of: %s" % ", ".join(schema.get("properties", {})), False)]
    if v == "maxItems" and err.validator_value == 0:
        return [(path, "sections nest at most four levels deep (1.2.3.4)", False)]
    return [(path, err.message, False)]


def check(path, validator):
    """Problems of one file: a list of "FILE:LINE: message" strings."""
    try:
        data, root, problems = load(path)
    except LoadError as e:
        return ["%s:%s" % (path, p) for p in e.problems]
    out = ["%s:%d: %s" % (path, m.line + 1, msg) for m, msg in problems]
    found = []
    for err in validator.iter_errors(data):
        for leaf in leaves(err):
            for where, msg, key in describe(leaf):
                node = locate(root, where, key) if root is not None else None
                line = node.start_mark.line + 1 if node is not None else 1
                found.append((line, "%s:%d: %s: %s" % (path, line, path_text(where), msg)))
    out.extend(text for _, text in sorted(found, key=lambda x: x[0]))
    return out


def main(argv):
    expect_invalid = False
    files = []
    for a in argv[1:]:
        if a == "--expect-invalid":
            expect_invalid = True
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        elif a.startswith("-") and a != "-":
            sys.stderr.write("check_json_schema.py: unknown option %s\n" % a)
            return 2
        else:
            files.append(a)
    if not files:
        sys.stderr.write("usage: check_json_schema.py [--expect-invalid] REPORT.yaml...\n")
        return 2
    try:
        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        sys.stderr.write("check_json_schema.py: %s: %s\n" % (SCHEMA, e))
        return 2
    validator = jsonschema.Draft7Validator(schema)

    status = 0
    nvalid = ninvalid = 0
    for path in files:
        try:
            problems = check(path, validator)
        except OSError as e:
            sys.stderr.write("check_json_schema.py: %s: %s\n" % (path, e.strerror or e))
            status = 2
            continue
        if problems:
            ninvalid += 1
            if expect_invalid:
                print("ok - %s is invalid (%d problem%s)" % (path, len(problems), "" if len(problems) == 1 else "s"))
            else:
                print("\n".join(problems))
                status = max(status, 1)
        else:
            nvalid += 1
            if expect_invalid:
                print("FAIL - %s is valid, but should not be" % path)
                status = max(status, 1)
    sys.stderr.write("%d file%s: %d valid, %d invalid%s\n" % (
        len(files), "" if len(files) == 1 else "s", nvalid, ninvalid,
        "; all should be invalid" if expect_invalid else ""))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
