#!/usr/bin/env python3
"""Counts what the corpus manifest records about a document, so its numbers can be re-derived.

Needs Python 3.9+ and PyYAML (`pip install pyyaml`); nothing else.

    analyze.py show FILE              everything below for one document (JSON on stdout)
    analyze.py files ROOT             the files reachable from ROOT by `$ref`, one a line
    analyze.py check [--all]          re-derives the manifest's numbers and reports differences

`show` prints the format, the operation and schema counts, the constructs (the `constructs`
list of a manifest entry), the defects (the `defects` list) and notes (YAML oddities,
duplicate keys). For a multi-file description give the root file: every file reached by a
`$ref` is read and walked in the position it is referenced from.

`check` reads ../manifest.json. For every entry it compares `bytes` and `sha256` (of the
committed copy, or of the file in node_modules/), `operations` and `schemas`; with `--all`,
or for entries whose `format` is not OpenAPI 3.0.x and for entries with `defects`, it also
compares `constructs` and `defects`. (The constructs of the OpenAPI 3.0.x entries that were
already in the corpus were counted by an earlier script with other categories; `check` does
not re-derive those.) For multi-file entries it also compares `files`.

Counting rules (the same for every document):
- An operation is a method of a path item reached from `paths` (get, put, post, delete,
  options, head, patch, trace; for 3.2 also `query` and each `additionalOperations` entry).
  Webhooks and callbacks are not operations; they are counted as constructs.
- `schemas` is the number of entries of `components.schemas` (Swagger 2.0: `definitions`).
- Schema keywords are counted once per schema object where they are written; a `$ref`d
  schema is walked once, where it is defined. Parameters, media types and responses are
  counted where written (in components or in operations), not per use.
- A construct with a count of 0 is left out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import urllib.parse
from collections import Counter, OrderedDict, deque

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
I64_MIN, U64_MAX = -(2**63), 2**64 - 1
YAML_11_BOOLS = re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")


# ---------------------------------------------------------------------------------------
# Loading


class Loaded:
    """One file: its parsed value and what was odd about its text."""

    def __init__(self, path: str):
        self.path = path
        with open(path, "rb") as handle:
            self.raw = handle.read()
        self.notes: Counter = Counter()
        self.duplicate_keys: list[str] = []
        text = self.raw.decode("utf-8")
        if text.startswith("\ufeff"):
            self.notes["byte-order mark"] += 1
            text = text[1:]
        if path.endswith(".json"):
            self.value = json.loads(text, object_pairs_hook=self._json_object)
        elif not path.endswith((".yaml", ".yml")):
            # A `$ref` may name a code sample or a Markdown text; it holds no `$ref`s.
            self.value = text
        else:
            self.value = self._load_yaml(text)

    def _json_object(self, pairs):
        result = OrderedDict()
        for key, value in pairs:
            if key in result:
                self.duplicate_keys.append(key)
            result[key] = value
        return result

    def _load_yaml(self, text: str):
        owner = self

        class Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
            pass

        def mapping(loader, node):
            loader.flatten_mapping(node)
            result = OrderedDict()
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                if isinstance(key, (list, dict)):
                    key = json.dumps(key)
                if not isinstance(key, str):
                    # YAML reads `200:` as an integer and `2024-01-01:` as a date; OpenAPI
                    # keys are strings.
                    key = str(key) if not isinstance(key, bool) else str(key).lower()
                if key in result:
                    owner.duplicate_keys.append(f"{key} (line {key_node.start_mark.line + 1})")
                result[key] = loader.construct_object(value_node, deep=True)
            return result

        def boolean(loader, node):
            value = loader.construct_yaml_bool(node)
            if YAML_11_BOOLS.match(node.value):
                owner.notes[f"YAML 1.1 boolean `{node.value}`"] += 1
            return value

        def timestamp(loader, node):
            owner.notes["YAML 1.1 timestamp (a string in YAML 1.2)"] += 1
            return node.value

        Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
        Loader.add_constructor("tag:yaml.org,2002:bool", boolean)
        Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
        return yaml.load(text, Loader=Loader)


class Files:
    """The files of one description, loaded on first use."""

    def __init__(self, root: str):
        self.root = os.path.normpath(root)
        self.cache: dict[str, Loaded] = {}

    def get(self, path: str) -> Loaded:
        path = os.path.normpath(path)
        if path not in self.cache:
            self.cache[path] = Loaded(path)
        return self.cache[path]


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def escape(token) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_get(value, pointer: str):
    """The value at a JSON pointer (already percent-decoded), or raise KeyError."""
    if pointer in ("", "/"):
        return value
    if not pointer.startswith("/"):
        raise KeyError(pointer)
    for token in pointer[1:].split("/"):
        token = unescape(token)
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            raise KeyError(pointer)
    return value


def split_ref(current_file: str, ref: str) -> tuple[str, str]:
    """The file and the JSON pointer a `$ref` names, relative to the file it is written in."""
    location, _, fragment = ref.partition("#")
    fragment = urllib.parse.unquote(fragment)
    if location:
        target = os.path.normpath(os.path.join(os.path.dirname(current_file), urllib.parse.unquote(location)))
    else:
        target = current_file
    return target, fragment


def all_refs(value, pointer=""):
    """Every `$ref` string anywhere in a value, with its pointer."""
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str):
            yield pointer + "/$ref", ref
        for key, child in value.items():
            yield from all_refs(child, f"{pointer}/{escape(key)}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from all_refs(child, f"{pointer}/{index}")


def reachable(root: str) -> list[str]:
    """The files reachable from `root` through `$ref`s (any `$ref` key), root first."""
    files = Files(root)
    seen = [files.root]
    queue = deque([files.root])
    while queue:
        current = queue.popleft()
        for _, ref in all_refs(files.get(current).value):
            if ref.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", ref):
                continue
            target, _ = split_ref(current, ref)
            if not os.path.isfile(target):
                continue  # reported as a defect by the walk; a URI that names a `$id`, say
            if target not in seen:
                seen.append(target)
                queue.append(target)
    return seen


# ---------------------------------------------------------------------------------------
# Walking


class Walk:
    """Walks a description schema-aware and counts what it finds."""

    def __init__(self, root: str):
        self.files = Files(root)
        self.root = self.files.root
        self.doc = self.files.get(self.root).value
        if not isinstance(self.doc, dict):
            raise ValueError(f"{root}: not a mapping")
        if "swagger" in self.doc:
            self.kind = "swagger"
            self.version = str(self.doc["swagger"])
        else:
            self.kind = "openapi"
            self.version = str(self.doc.get("openapi"))
        self.v31 = self.kind == "openapi" and self.version >= "3.1"
        self.v32 = self.kind == "openapi" and self.version >= "3.2"
        self.c: Counter = Counter()
        self.defects: dict[str, list[str]] = {}
        self.visited: set = set()
        self.queue: deque = deque()
        self.operations = 0
        self.operation_ids: Counter = Counter()
        self.extensions: set = set()

    # --- helpers -----------------------------------------------------------------------

    def defect(self, name: str, where: str):
        self.defects.setdefault(name, []).append(where)

    def loc(self, file: str, pointer: str) -> str:
        if file == self.root:
            return "#" + pointer
        return os.path.relpath(file, os.path.dirname(self.root)) + "#" + pointer

    def deref(self, file: str, pointer: str, node, kind: str):
        """Follows a `$ref` object (walking its target once); returns (file, pointer, node)."""
        hops = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and hops < 50:
            ref = node["$ref"]
            self.count_ref(file, pointer, node, kind)
            target_file, target_pointer = split_ref(file, ref)
            try:
                target = pointer_get(self.files.get(target_file).value, target_pointer)
            except (KeyError, FileNotFoundError):
                return file, pointer, None
            file, pointer, node = target_file, target_pointer, target
            hops += 1
        return file, pointer, node

    def ids(self):
        """The `$id` strings written anywhere in the loaded files."""
        if not hasattr(self, "_ids"):
            found = set()

            def scan(value):
                if isinstance(value, dict):
                    if isinstance(value.get("$id"), str):
                        found.add(value["$id"])
                    for child in value.values():
                        scan(child)
                elif isinstance(value, list):
                    for child in value:
                        scan(child)

            scan(self.doc)
            self._ids = found
        return self._ids

    def count_ref(self, file, pointer, node, kind):
        key = (file, pointer, "ref")
        if key in self.visited:
            return
        self.visited.add(key)
        ref = node["$ref"]
        location = ref.partition("#")[0]
        if ref.startswith("#"):
            self.c["local $ref"] += 1
        elif location in self.ids():
            # A 3.1 schema `$ref` to the `$id` of a schema of the same document.
            self.c["$ref naming a schema $id"] += 1
            return
        elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref):
            self.c["remote (URL) $ref"] += 1
            return
        else:
            self.c["external $ref"] += 1
        target_file, target_pointer = split_ref(file, ref)
        try:
            pointer_get(self.files.get(target_file).value, target_pointer)
        except FileNotFoundError:
            self.defect("$ref to a missing file", f"{self.loc(file, pointer)}/$ref -> {ref}")
        except KeyError:
            self.defect("$ref to an undefined target", f"{self.loc(file, pointer)}/$ref -> {ref}")
        siblings = [k for k in node if k != "$ref"]
        if siblings:
            if kind == "schema":
                self.c["$ref with sibling keywords"] += 1
            elif set(siblings) <= {"summary", "description"}:
                self.c["$ref with summary/description"] += 1
            else:
                self.c["$ref with other sibling keys"] += 1

    def follow(self, file, pointer, node, kind, *args):
        """Visits `node` as `kind`; a `$ref` is counted here and its target visited once."""
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            self.count_ref(file, pointer, node, kind)
            if kind == "schema":
                # Sibling keywords of a schema `$ref` are schema keywords too.
                self.schema_keywords(file, pointer, node)
            target_file, target_pointer = split_ref(file, node["$ref"])
            try:
                target = pointer_get(self.files.get(target_file).value, target_pointer)
            except (KeyError, FileNotFoundError):
                return
            self.follow(target_file, target_pointer, target, kind, *args)
            return
        if isinstance(node, dict) and "$ref" in node:
            # YAML reads `$ref: #/x` (unquoted) as a comment: the `$ref` is null.
            self.defect("$ref whose value is not a string", f"{self.loc(file, pointer)}/$ref = {node['$ref']!r}")
        key = (file, pointer, kind) + tuple(str(a) for a in args if kind == "pathitem")
        if key in self.visited:
            return
        self.visited.add(key)
        getattr(self, "visit_" + kind)(file, pointer, node, *args)

    def each(self, file, pointer, mapping, kind, *args):
        if isinstance(mapping, dict):
            for key, child in mapping.items():
                if isinstance(key, str) and key.startswith("x-"):
                    continue
                self.follow(file, f"{pointer}/{escape(key)}", child, kind, *args)

    def items(self, file, pointer, sequence, kind, *args):
        if isinstance(sequence, list):
            for index, child in enumerate(sequence):
                self.follow(file, f"{pointer}/{index}", child, kind, *args)

    # --- document ----------------------------------------------------------------------

    def run(self):
        doc, file = self.doc, self.root
        info = doc.get("info") or {}
        if self.kind == "openapi":
            if "summary" in info:
                self.c["info.summary"] += 1
            if isinstance(info.get("license"), dict) and "identifier" in info["license"]:
                self.c["license.identifier"] += 1
            if "jsonSchemaDialect" in doc:
                self.c["jsonSchemaDialect"] += 1
            if "$self" in doc:
                self.c["$self"] += 1
            for index, tag in enumerate(doc.get("tags") or []):
                if isinstance(tag, dict):
                    for word in ("parent", "kind", "summary"):
                        if word in tag:
                            self.c[f"tag {word}"] += 1
            self.paths(file, doc.get("paths"))
            webhooks = doc.get("webhooks")
            if isinstance(webhooks, dict) and webhooks:
                self.c["webhooks"] += len(webhooks)
                self.each(file, "/webhooks", webhooks, "pathitem", None)
            components = doc.get("components") or {}
            if isinstance(components, dict):
                path_items = components.get("pathItems")
                if isinstance(path_items, dict) and path_items:
                    self.c["components.pathItems"] += len(path_items)
                    self.each(file, "/components/pathItems", path_items, "pathitem", None)
                if isinstance(components.get("mediaTypes"), dict) and components["mediaTypes"]:
                    self.c["components.mediaTypes"] += len(components["mediaTypes"])
                    self.each(file, "/components/mediaTypes", components["mediaTypes"], "mediatype", "component")
                for section, kind in (
                    ("schemas", "schema"),
                    ("parameters", "parameter"),
                    ("responses", "response"),
                    ("requestBodies", "requestbody"),
                    ("headers", "header"),
                    ("callbacks", "callback"),
                    ("securitySchemes", "securityscheme"),
                ):
                    where, mapping = self.section(file, f"/components/{section}", components.get(section))
                    self.each(where[0], where[1], mapping, kind)
        else:
            for word in ("consumes", "produces"):
                if doc.get(word):
                    self.c[f"global {word}"] += 1
            if isinstance(doc.get("parameters"), dict) and doc["parameters"]:
                self.c["global parameters"] += len(doc["parameters"])
            if isinstance(doc.get("responses"), dict) and doc["responses"]:
                self.c["global responses"] += len(doc["responses"])
            self.paths(file, doc.get("paths"))
            for section, kind in (
                ("definitions", "schema"),
                ("parameters", "parameter"),
                ("responses", "response"),
                ("securityDefinitions", "securityscheme"),
            ):
                where, mapping = self.section(file, f"/{section}", doc.get(section))
                self.each(where[0], where[1], mapping, kind)
        for name, count in self.operation_ids.items():
            if count > 1:
                self.defect("duplicate operationId", f"{name} ({count} operations)")
        # Every file is walked; extensions and examples of all of them count for notes.
        for loaded in list(self.files.cache.values()):
            self.scan_values(loaded.path, "", loaded.value)
        self.c["distinct other x-* extensions"] = len(self.extensions)

    def section(self, file, pointer, mapping):
        """A components map, or the map that a `$ref` written in its place names."""
        if isinstance(mapping, dict) and set(mapping) == {"$ref"} and isinstance(mapping["$ref"], str):
            self.c["$ref in place of a whole components map"] += 1
            target_file, target_pointer, target = self.deref(file, pointer, mapping, "map")
            if isinstance(target, dict):
                return (target_file, target_pointer), target
            return (file, pointer), None
        return (file, pointer), mapping

    def section_size(self, name):
        """The number of entries of `components.<name>` (2.0: of `<name>`), through a `$ref`."""
        holder = self.doc.get("components") or {} if self.kind == "openapi" else self.doc
        prefix = "/components" if self.kind == "openapi" else ""
        mapping = holder.get(name) if isinstance(holder, dict) else None
        if isinstance(mapping, dict) and set(mapping) == {"$ref"}:
            try:
                target_file, target_pointer = split_ref(self.root, mapping["$ref"])
                mapping = pointer_get(self.files.get(target_file).value, target_pointer)
            except (KeyError, FileNotFoundError):
                return 0
        return len(mapping) if isinstance(mapping, dict) else 0

    def scan_values(self, file, pointer, value):
        """Whole-tree checks: integers beyond 64 bits, vendor extensions."""
        if isinstance(value, dict):
            for key, child in value.items():
                if isinstance(key, str) and key.startswith("x-"):
                    family = key
                    if key.startswith("x-kubernetes-"):
                        family = "x-kubernetes-*"
                    elif key.startswith("x-go-"):
                        family = "x-go-*"
                    if family not in ("x-nullable", "x-kubernetes-*", "x-go-*", "x-omitempty"):
                        # Those four are counted where schemas are walked.
                        self.extensions.add(key)
                self.scan_values(file, f"{pointer}/{escape(key)}", child)
        elif isinstance(value, list):
            for index, child in enumerate(value):
                self.scan_values(file, f"{pointer}/{index}", child)
        elif isinstance(value, int) and not isinstance(value, bool):
            if value < I64_MIN or value > U64_MAX:
                self.defect("integer literal outside i64/u64", f"{self.loc(file, pointer)} = {value}")

    # --- path items and operations --------------------------------------------------------

    def paths(self, file, paths):
        """The entries of `paths`: each path item with its template (which names no file)."""
        if not isinstance(paths, dict):
            return
        for template, item in paths.items():
            if isinstance(template, str) and template.startswith("x-"):
                continue
            self.follow(file, f"/paths/{escape(template)}", item, "pathitem", template)

    def visit_pathitem(self, file, pointer, item, template):
        """A path item; `template` is its key under `paths`, or None (webhooks, callbacks)."""
        if not isinstance(item, dict):
            return
        from_paths = template is not None
        if item.get("servers"):
            self.c["path item servers"] += 1
        shared = item.get("parameters") or []
        self.items(file, pointer + "/parameters", shared, "parameter")
        methods = list(HTTP_METHODS)
        if self.v32:
            methods.append("query")
        found = []
        for method in methods:
            if isinstance(item.get(method), dict):
                found.append((method, f"{pointer}/{method}", item[method]))
        if self.v32 and isinstance(item.get("additionalOperations"), dict):
            self.c["additionalOperations"] += len(item["additionalOperations"])
            for method, operation in item["additionalOperations"].items():
                found.append((method, f"{pointer}/additionalOperations/{escape(method)}", operation))
        for method, op_pointer, operation in found:
            if method == "query":
                self.c["query method"] += 1
            if from_paths:
                self.operations += 1
                if operation.get("operationId"):
                    self.operation_ids[operation["operationId"]] += 1
                self.check_path_parameters(file, op_pointer, template, shared, operation)
            self.visit_operation(file, op_pointer, operation, from_paths)

    def parameter_names(self, file, pointer, parameters):
        names = {}
        for index, parameter in enumerate(parameters if isinstance(parameters, list) else []):
            _, _, resolved = self.deref(file, f"{pointer}/{index}", parameter, "parameter")
            if isinstance(resolved, dict):
                names[(resolved.get("in"), resolved.get("name"))] = True
        return names

    def check_path_parameters(self, file, op_pointer, template, shared, operation):
        if template is None:
            return
        item_pointer = op_pointer.rsplit("/", 1)[0]
        if item_pointer.endswith("/additionalOperations"):
            item_pointer = item_pointer.rsplit("/", 1)[0]
        names = self.parameter_names(file, item_pointer + "/parameters", shared)
        names.update(self.parameter_names(file, op_pointer + "/parameters", operation.get("parameters")))
        for variable in re.findall(r"\{([^}]*)\}", template):
            if ("path", variable) not in names:
                self.defect("path template variable without a path parameter", f"{self.loc(file, op_pointer)} {{{variable}}}")
        variables = set(re.findall(r"\{([^}]*)\}", template))
        for where, name in names:
            if where == "path" and name not in variables:
                self.defect("path parameter not in the path template", f"{self.loc(file, op_pointer)} {name}")

    def visit_operation(self, file, pointer, op, from_paths):
        if not isinstance(op, dict):
            return
        if op.get("deprecated") is True:
            self.c["deprecated operations"] += 1
        if "operationId" not in op and from_paths:
            self.c["no operationId"] += 1
        if op.get("servers"):
            self.c["operation servers"] += 1
        if "security" in op:
            self.c["operation security"] += 1
            if op["security"] == [] or any(s == {} for s in op["security"] or []):
                self.c["security: anonymous allowed"] += 1
        self.items(file, pointer + "/parameters", op.get("parameters"), "parameter")
        responses = op.get("responses")
        if not isinstance(responses, dict) or not responses:
            self.c["operation without responses"] += 1
        else:
            if "default" in responses:
                self.c["default response"] += 1
            self.each(file, pointer + "/responses", responses, "response")
        if self.kind == "swagger":
            for word in ("consumes", "produces"):
                if word in op:
                    self.c[f"operation {word}"] += 1
                    for media in op[word] or []:
                        self.swagger_media(word, media)
            if not op.get("consumes"):
                for media in self.doc.get("consumes") or []:
                    pass
        else:
            if "requestBody" in op:
                self.follow(file, pointer + "/requestBody", op["requestBody"], "requestbody")
            callbacks = op.get("callbacks")
            if isinstance(callbacks, dict) and callbacks:
                self.each(file, pointer + "/callbacks", callbacks, "callback")

    def swagger_media(self, word, media):
        media = str(media).lower()
        if word == "consumes":
            if media.startswith("multipart/form-data"):
                self.c["consumes multipart/form-data"] += 1
            elif media.startswith("application/x-www-form-urlencoded"):
                self.c["consumes x-www-form-urlencoded"] += 1
            elif media.startswith("application/octet-stream") or media.startswith("application/x-tar"):
                self.c["consumes binary"] += 1
            elif media.startswith("text/"):
                self.c["consumes text/*"] += 1
        else:
            if media.startswith("text/"):
                self.c["produces text/*"] += 1
            elif media.startswith("application/octet-stream") or media.startswith("application/x-tar"):
                self.c["produces binary"] += 1

    def visit_callback(self, file, pointer, callback):
        self.c["callbacks"] += 1
        if isinstance(callback, dict):
            self.each(file, pointer, callback, "pathitem", None)

    # --- parameters, bodies, responses -------------------------------------------------

    def visit_parameter(self, file, pointer, p):
        if not isinstance(p, dict):
            return
        where = p.get("in")
        if where in ("cookie", "header", "formData", "body", "querystring"):
            self.c[f"in: {where}"] += 1
        if p.get("allowEmptyValue"):
            self.c["allowEmptyValue"] += 1
        if p.get("deprecated"):
            self.c["deprecated parameters"] += 1
        if self.kind == "swagger":
            if where == "body":
                self.follow(file, pointer + "/schema", p.get("schema"), "schema")
            else:
                self.swagger_simple(file, pointer, p)
        else:
            if "style" in p:
                self.c[f"style {p['style']}"] += 1
            if p.get("explode") is False:
                self.c["explode false"] += 1
            if p.get("allowReserved"):
                self.c["allowReserved"] += 1
            if "content" in p:
                self.c["parameter content"] += 1
                self.each(file, pointer + "/content", p["content"], "mediatype", "parameter")
            if "schema" in p:
                self.follow(file, pointer + "/schema", p["schema"], "schema")
            self.examples_map(file, pointer, p)

    def swagger_simple(self, file, pointer, p):
        """A Swagger 2.0 non-body parameter, header or `items` object."""
        if p.get("type") == "file":
            self.c["type: file"] += 1
        if "collectionFormat" in p:
            self.c[f"collectionFormat {p['collectionFormat']}"] += 1
        if p.get("x-nullable") is not None:
            self.c["x-nullable"] += 1
        for key in p:
            if isinstance(key, str) and key.startswith("x-kubernetes-"):
                self.c["x-kubernetes-*"] += 1
        if isinstance(p.get("items"), dict):
            if "$ref" in p["items"]:
                self.count_ref(file, pointer + "/items", p["items"], "items")
            self.swagger_simple(file, pointer + "/items", p["items"])

    def examples_map(self, file, pointer, owner):
        examples = owner.get("examples")
        if isinstance(examples, dict) and examples:
            self.c["examples (Example Objects)"] += len(examples)
            for key, example in examples.items():
                _, _, resolved = self.deref(file, f"{pointer}/examples/{escape(key)}", example, "example")
                if isinstance(resolved, dict):
                    for word in ("dataValue", "serializedValue"):
                        if word in resolved:
                            self.c[f"example {word}"] += 1

    def visit_requestbody(self, file, pointer, body):
        if not isinstance(body, dict):
            return
        self.each(file, pointer + "/content", body.get("content"), "mediatype", "request")

    def visit_response(self, file, pointer, response):
        if not isinstance(response, dict):
            return
        if "description" not in response:
            self.c["response without description"] += 1
        if self.v32 and "summary" in response:
            self.c["response summary"] += 1
        if self.kind == "swagger":
            if "schema" in response:
                self.follow(file, pointer + "/schema", response["schema"], "schema")
            for name, header in (response.get("headers") or {}).items():
                self.c["response headers"] += 1
                if isinstance(header, dict):
                    self.swagger_simple(file, f"{pointer}/headers/{escape(name)}", header)
        else:
            self.each(file, pointer + "/content", response.get("content"), "mediatype", "response")
            self.each(file, pointer + "/headers", response.get("headers"), "header")
            links = response.get("links")
            if isinstance(links, dict) and links:
                self.c["links"] += len(links)

    def visit_header(self, file, pointer, header):
        if not isinstance(header, dict):
            return
        self.c["response headers"] += 1
        if "schema" in header:
            self.follow(file, pointer + "/schema", header["schema"], "schema")
        if "content" in header:
            self.each(file, pointer + "/content", header["content"], "mediatype", "header")

    def visit_mediatype(self, file, pointer, media, where):
        media_type = unescape(pointer.rsplit("/", 1)[-1]).lower()
        if where in ("request", "response"):
            family = None
            if media_type.startswith("multipart/"):
                family = "multipart"
            elif media_type.startswith("application/x-www-form-urlencoded"):
                family = "form-urlencoded"
            elif media_type.startswith("application/octet-stream"):
                family = "octet-stream"
            elif media_type.startswith("text/event-stream"):
                family = "text/event-stream"
            elif media_type.startswith("text/"):
                family = "text/*"
            elif media_type in ("application/jsonl", "application/x-ndjson", "application/json-seq") or media_type.endswith("+jsonl"):
                family = "JSON lines"
            elif media_type.endswith("+json"):
                family = "+json"
            elif media_type == "*/*":
                family = "*/*"
            if family:
                self.c[f"{where} {family}"] += 1
        if not isinstance(media, dict):
            return
        if "schema" in media:
            self.follow(file, pointer + "/schema", media["schema"], "schema")
        for word in ("itemSchema",):
            if word in media:
                self.c["itemSchema"] += 1
                self.follow(file, f"{pointer}/{word}", media[word], "schema")
        for word in ("itemEncoding", "prefixEncoding"):
            if word in media:
                self.c[word] += 1
        if isinstance(media.get("encoding"), dict) and media["encoding"]:
            self.c["encoding"] += len(media["encoding"])
            for name, encoding in media["encoding"].items():
                if isinstance(encoding, dict):
                    self.each(file, f"{pointer}/encoding/{escape(name)}/headers", encoding.get("headers"), "header")
        self.examples_map(file, pointer, media)

    def visit_securityscheme(self, file, pointer, scheme):
        if not isinstance(scheme, dict):
            return
        kind = scheme.get("type")
        if self.kind == "swagger":
            if kind == "oauth2":
                self.c[f"securityDefinitions oauth2 {scheme.get('flow')}"] += 1
            else:
                self.c[f"securityDefinitions {kind}"] += 1
            return
        if kind == "http":
            self.c[f"securitySchemes http {str(scheme.get('scheme', '')).lower()}"] += 1
        elif kind == "oauth2":
            for flow in (scheme.get("flows") or {}):
                self.c[f"securitySchemes oauth2 {flow}"] += 1
            if "oauth2MetadataUrl" in scheme:
                self.c["oauth2MetadataUrl"] += 1
        else:
            self.c[f"securitySchemes {kind}"] += 1
        if scheme.get("deprecated"):
            self.c["deprecated security scheme"] += 1

    # --- schemas -----------------------------------------------------------------------

    def visit_schema(self, file, pointer, s):
        if isinstance(s, bool):
            self.c["boolean schemas"] += 1
            return
        if not isinstance(s, dict):
            self.defect("schema that is not an object", self.loc(file, pointer))
            return
        self.schema_keywords(file, pointer, s)
        self.subschemas(file, pointer, s)

    def schema_keywords(self, file, pointer, s):
        c = self.c
        kind = s.get("type")
        if isinstance(kind, list):
            c["type arrays"] += 1
            if "null" in kind:
                c["type arrays with null"] += 1
        elif kind == "null":
            c["type: 'null'"] += 1
        elif kind == "file":
            c["type: file"] += 1
        for word in (
            "const", "$defs", "prefixItems", "contentEncoding", "contentMediaType", "contentSchema",
            "$id", "$schema", "$anchor", "$dynamicRef", "$dynamicAnchor", "$comment",
            "if", "dependentRequired", "dependentSchemas", "unevaluatedProperties",
            "unevaluatedItems", "patternProperties", "propertyNames", "contains",
            "not", "discriminator", "anyOf", "oneOf",
        ):
            if word in s:
                c[word] += 1
        if "examples" in s:
            if isinstance(s["examples"], list):
                c["examples arrays"] += 1
            else:
                c["schema examples not an array"] += 1
        if "example" in s and self.v31:
            c["example (deprecated in 3.1)"] += 1
        if "nullable" in s:
            c["nullable"] += 1
            if self.v31 or self.kind == "swagger":
                c["nullable (not a keyword of this version)"] += 1
        if s.get("x-nullable") is not None:
            c["x-nullable"] += 1
        if s.get("x-omitempty") is not None:
            c["x-omitempty"] += 1
        for key in s:
            if isinstance(key, str):
                if key.startswith("x-kubernetes-"):
                    c["x-kubernetes-*"] += 1
                elif key.startswith("x-go-"):
                    c["x-go-*"] += 1
        for word in ("exclusiveMinimum", "exclusiveMaximum"):
            if word in s:
                if isinstance(s[word], bool):
                    c[f"{word} boolean"] += 1
                else:
                    c[f"{word} number"] += 1
        if "readOnly" in s and s["readOnly"]:
            c["readOnly"] += 1
        if "writeOnly" in s and s["writeOnly"]:
            c["writeOnly"] += 1
        if s.get("deprecated") is True:
            c["deprecated schemas"] += 1
        if "enum" in s:
            if "type" not in s:
                c["enum without type"] += 1
            if isinstance(s["enum"], list) and None in s["enum"]:
                c["null in enum"] += 1
        if s.get("additionalProperties") is False:
            c["additionalProperties: false"] += 1
        elif s.get("additionalProperties") is True:
            c["additionalProperties: true"] += 1
        elif isinstance(s.get("additionalProperties"), dict):
            c["additionalProperties schema"] += 1
        if self.kind == "swagger" and isinstance(s.get("discriminator"), str):
            c["discriminator (2.0 string)"] += 1
        for word in ("anyOf", "oneOf"):
            variants = s.get(word)
            if isinstance(variants, list) and any(isinstance(v, dict) and v.get("type") == "null" for v in variants):
                c[f"{word} with {{type: 'null'}}"] += 1
        if isinstance(s.get("required"), bool):
            self.defect("required: boolean inside a schema", self.loc(file, pointer) + "/required")
        properties = s.get("properties")
        if isinstance(properties, dict):
            for name, value in properties.items():
                if name == "required" and isinstance(value, list):
                    self.defect("required list inside properties", f"{self.loc(file, pointer)}/properties/required")
                elif not isinstance(value, (dict, bool)):
                    self.defect("property that is not a schema", f"{self.loc(file, pointer)}/properties/{escape(name)}")

    def subschemas(self, file, pointer, s):
        def one(word):
            # `additionalProperties: false` and the like are counted as keywords, not as
            # boolean schemas.
            flags = ("additionalProperties", "unevaluatedProperties", "unevaluatedItems", "additionalItems")
            if word in s and (isinstance(s[word], dict) or (isinstance(s[word], bool) and word not in flags)):
                self.follow(file, f"{pointer}/{word}", s[word], "schema")

        def many(word):
            if isinstance(s.get(word), list):
                self.items(file, f"{pointer}/{word}", s[word], "schema")

        def named(word):
            if isinstance(s.get(word), dict):
                for key, child in s[word].items():
                    if word == "properties" and not isinstance(child, (dict, bool)):
                        continue
                    self.follow(file, f"{pointer}/{word}/{escape(key)}", child, "schema")

        for word in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas"):
            named(word)
        for word in ("allOf", "anyOf", "oneOf", "prefixItems"):
            many(word)
        for word in ("additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
                     "unevaluatedProperties", "unevaluatedItems", "additionalItems", "contentSchema"):
            one(word)
        if isinstance(s.get("items"), list):
            self.c["items array (tuple form)"] += 1
            many("items")
        else:
            one("items")


# ---------------------------------------------------------------------------------------
# Results


ORDER = [
    # 3.1 / 3.2 document level
    "info.summary", "license.identifier", "jsonSchemaDialect", "$self", "webhooks",
    "components.pathItems", "components.mediaTypes", "tag parent", "tag kind", "tag summary",
    "query method", "additionalOperations", "in: querystring", "itemSchema", "itemEncoding",
    "prefixEncoding", "example dataValue", "example serializedValue", "response summary",
    "oauth2MetadataUrl", "deprecated security scheme",
    # JSON Schema 2020-12
    "type arrays", "type arrays with null", "type: 'null'", "anyOf with {type: 'null'}",
    "oneOf with {type: 'null'}", "const", "$defs", "prefixItems", "examples arrays",
    "contentEncoding", "contentMediaType", "contentSchema", "$id", "$schema", "$anchor",
    "$dynamicRef", "$dynamicAnchor", "$comment", "if", "dependentRequired", "dependentSchemas",
    "unevaluatedProperties", "unevaluatedItems", "patternProperties", "propertyNames",
    "contains", "exclusiveMinimum number", "exclusiveMaximum number", "boolean schemas",
    "$ref with sibling keywords", "$ref with summary/description", "$ref with other sibling keys",
    "example (deprecated in 3.1)", "schema examples not an array", "nullable (not a keyword of this version)",
    "exclusiveMinimum boolean", "exclusiveMaximum boolean",
    # Swagger 2.0
    "global consumes", "global produces", "operation consumes", "operation produces",
    "consumes multipart/form-data", "consumes x-www-form-urlencoded", "consumes binary",
    "consumes text/*", "produces text/*", "produces binary",
    "global parameters", "global responses", "in: formData", "in: body", "type: file",
    "collectionFormat csv", "collectionFormat multi", "collectionFormat pipes",
    "collectionFormat ssv", "collectionFormat tsv", "x-nullable", "x-omitempty", "x-go-*",
    "x-kubernetes-*", "discriminator (2.0 string)", "items array (tuple form)",
    "securityDefinitions basic", "securityDefinitions apiKey",
    "securityDefinitions oauth2 implicit", "securityDefinitions oauth2 password",
    "securityDefinitions oauth2 application", "securityDefinitions oauth2 accessCode",
    # any version
    "securitySchemes http basic", "securitySchemes http bearer", "securitySchemes apiKey",
    "securitySchemes oauth2 implicit", "securitySchemes oauth2 password",
    "securitySchemes oauth2 clientCredentials", "securitySchemes oauth2 authorizationCode",
    "securitySchemes oauth2 deviceAuthorization", "securitySchemes openIdConnect",
    "securitySchemes mutualTLS", "operation security", "security: anonymous allowed",
    "in: cookie", "in: header", "style form", "style simple", "style label", "style matrix",
    "style deepObject", "style pipeDelimited", "style spaceDelimited", "explode false",
    "allowReserved", "allowEmptyValue", "parameter content",
    "request multipart", "request form-urlencoded", "request octet-stream", "request text/*",
    "request +json", "request */*", "request JSON lines", "encoding",
    "response multipart", "response octet-stream", "response text/event-stream",
    "response text/*", "response +json", "response */*", "response JSON lines",
    "response headers", "links", "callbacks", "examples (Example Objects)",
    "discriminator", "oneOf", "anyOf", "not", "nullable", "enum without type", "null in enum",
    "additionalProperties: false", "additionalProperties: true", "additionalProperties schema",
    "readOnly", "writeOnly", "deprecated schemas", "deprecated parameters",
    "deprecated operations", "default response", "no operationId",
    "path item servers", "operation servers", "operation without responses",
    "response without description", "$ref in place of a whole components map",
    "distinct other x-* extensions",
    "external $ref", "remote (URL) $ref", "$ref naming a schema $id",
]


def analyze(root: str) -> dict:
    walk = Walk(root)
    walk.run()
    doc = walk.doc
    if walk.kind == "swagger":
        fmt = f"swagger {walk.version}"
        schemas = walk.section_size("definitions")
    else:
        fmt = f"openapi {walk.version}"
        schemas = walk.section_size("schemas")
    counts = walk.c
    constructs = [f"{name} ({counts[name]})" for name in ORDER if counts.get(name)]
    unknown = sorted(set(counts) - set(ORDER) - {"local $ref"})
    constructs += [f"{name} ({counts[name]})" for name in unknown if counts[name]]
    notes = Counter()
    duplicates = []
    for loaded in walk.files.cache.values():
        notes.update(loaded.notes)
        duplicates += [f"{os.path.relpath(loaded.path, os.path.dirname(walk.root))}: {key}" for key in loaded.duplicate_keys]
    defects = []
    for name, where in walk.defects.items():
        defects.append({"defect": name, "count": len(where), "at": where})
    raw = walk.files.get(walk.root).raw
    return {
        "format": fmt,
        "operations": walk.operations,
        "schemas": schemas,
        "bytes": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "files": len(reachable(root)),
        "constructs": constructs,
        "defects": defects,
        "notes": [f"{k} ({v})" for k, v in sorted(notes.items())] + [f"duplicate key {d}" for d in duplicates],
    }


# ---------------------------------------------------------------------------------------
# Command line


def corpus_dir() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def entry_file(entry: dict) -> str:
    corpus = corpus_dir()
    workspace = os.path.dirname(os.path.dirname(corpus))
    committed = entry.get("committed")
    if committed:
        path = os.path.join(workspace, committed)
        if entry.get("root"):
            path = os.path.join(path, entry["root"])
        return path
    name = entry["package"].rsplit("@", 1)[0]
    return os.path.join(corpus, "node_modules", name, entry["path"])


def check(everything: bool) -> int:
    with open(os.path.join(corpus_dir(), "manifest.json"), encoding="utf-8") as handle:
        entries = json.load(handle)
    problems = 0
    ids = [entry["id"] for entry in entries]
    if ids != sorted(ids):
        print("manifest.json is not sorted by id")
        problems += 1
    for entry in entries:
        path = entry_file(entry)
        if not os.path.exists(path):
            print(f"{entry['id']}: {path} is missing (run `npm ci` in tests/corpus?)")
            problems += 1
            continue
        result = analyze(path)
        fields = ["bytes", "sha256", "operations", "schemas", "format"]
        if entry.get("root"):
            fields.append("files")
        deep = everything or not str(entry.get("format", "")).startswith("openapi 3.0") or "defects" in entry
        if deep:
            fields.append("constructs")
        for field in fields:
            if entry.get(field) != result[field]:
                print(f"{entry['id']}: {field} is {entry.get(field)!r} in the manifest, {result[field]!r} counted")
                problems += 1
        if deep and "defects" in entry:
            counted = [{"defect": d["defect"], "count": d["count"], "at": d["at"]} for d in result["defects"]]
            recorded = [{"defect": d["defect"], "count": d["count"], "at": d["at"]} for d in entry["defects"]]
            if counted != recorded:
                print(f"{entry['id']}: defects differ:\n  manifest {json.dumps(recorded)[:500]}\n  counted  {json.dumps(counted)[:500]}")
                problems += 1
        print(f"{entry['id']}: checked {', '.join(fields)}", file=sys.stderr)
    print(f"{len(entries)} entries, {problems} differences")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "show":
        print(json.dumps(analyze(argv[1]), indent=2, ensure_ascii=False))
        return 0
    if len(argv) == 2 and argv[0] == "files":
        for path in reachable(argv[1]):
            print(path)
        return 0
    if argv and argv[0] == "check":
        return check("--all" in argv[1:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
