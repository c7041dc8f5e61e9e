#!/usr/bin/env python3
"""Calls every operation of the bundled contract against a server, using only the spec and the standard library.

For each operation: the path parameters come from their examples (or minimum), the body from the first JSON
request example, the credentials from the first security alternative it can fill. The answer must have the
first documented 2xx status, and a JSON object answer must hold the example's top-level fields and no field
the schema does not document.

    python3 examples/python/contract_consumer.py --base-url http://127.0.0.1:4010 [--spec generated/openapi.json]

Exit status 0 when every operation conforms, 1 otherwise.
"""
import argparse
import base64
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

METHODS = ("get", "put", "post", "delete", "patch")


def resolve(spec, node):
    """Follows local $refs (#/components/...) until a plain object is reached."""
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for key in node["$ref"][2:].split("/"):
            target = target[key.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def documented_properties(spec, schema):
    """Top-level property names of a schema (allOf parts merged, null branches skipped); None for a map."""
    schema = resolve(spec, schema)
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names |= documented_properties(spec, part) or set()
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        branch = resolve(spec, branch)
        if branch.get("type") != "null":
            names |= documented_properties(spec, branch) or set()
    return names or None


def first_example(spec, media):
    """The value of a media type's first named example, or its `example`."""
    examples = media.get("examples") or {}
    for example in examples.values():
        return resolve(spec, example).get("value")
    return media.get("example")


def auth_headers(spec, operation):
    """Headers for the first security alternative made only of schemes we can fill in."""
    schemes = spec["components"]["securitySchemes"]
    for alternative in operation.get("security", spec.get("security", [])):
        headers = {}
        for name in alternative:
            scheme = schemes[name]
            if scheme["type"] == "http" and scheme["scheme"].lower() == "bearer":
                headers["Authorization"] = "Bearer python-consumer-token"
            elif scheme["type"] == "http" and scheme["scheme"].lower() == "basic":
                headers["Authorization"] = "Basic " + base64.b64encode("python:consumer".encode()).decode()
            elif scheme["type"] == "apiKey" and scheme["in"] == "header":
                headers.setdefault(scheme["name"], "python-consumer-key")
            else:
                break
        else:
            return headers
    return {}


def build_url(spec, base_url, path, operation, path_item):
    """The path with every path parameter, and the required query parameters, filled from their examples
    (or the schema's example or minimum, or 1)."""
    params = [resolve(spec, p) for p in path_item.get("parameters", []) + operation.get("parameters", [])]
    query = {}
    for param in params:
        schema = resolve(spec, param.get("schema", {}))
        value = param.get("example", schema.get("example", schema.get("minimum", 1)))
        if param["in"] == "path":
            path = path.replace("{%s}" % param["name"], urllib.parse.quote(str(value), safe=""))
        elif param["in"] == "query" and param.get("required"):
            query[param["name"]] = str(value).lower() if isinstance(value, bool) else str(value)
    return base_url.rstrip("/") + path + ("?" + urllib.parse.urlencode(query) if query else "")


def check_operation(spec, base_url, path, method, path_item):
    """Calls one operation; returns a list of problems (empty when it conforms) and a summary line."""
    operation = path_item[method]
    op_id = operation["operationId"]
    headers = {"Accept": "application/json", **auth_headers(spec, operation)}
    data = None
    body = resolve(spec, operation.get("requestBody", {}))
    media = body.get("content", {}).get("application/json")
    if media is not None:
        data = json.dumps(first_example(spec, media)).encode("utf-8")
        headers["Content-Type"] = "application/json"
    url = build_url(spec, base_url, path, operation, path_item)
    request = urllib.request.Request(url, data=data, method=method.upper(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except OSError as error:
        return [f"{op_id}: {method.upper()} {url} failed: {error}"], None

    successes = sorted(code for code in operation["responses"] if code.startswith("2"))
    expected = int(successes[0])
    if status != expected:
        return [f"{op_id}: expected {expected}, got {status}: {raw[:200]!r}"], None
    answer = resolve(spec, operation["responses"][str(expected)])
    answer_media = answer.get("content", {}).get("application/json")
    if answer_media is None:
        if raw.strip():
            return [f"{op_id}: {expected} documents no body, got {raw[:200]!r}"], None
        return [], f"{op_id}: {method.upper()} {path} -> {status}, no body"
    try:
        value = json.loads(raw)
    except ValueError:
        return [f"{op_id}: the body is not JSON: {raw[:200]!r}"], None
    problems = []
    example = first_example(spec, answer_media)
    documented = documented_properties(spec, answer_media["schema"])
    if isinstance(example, dict):
        if not isinstance(value, dict):
            return [f"{op_id}: expected a JSON object, got {type(value).__name__}"], None
        problems += [f"{op_id}: missing field {name}" for name in example if name not in value]
        if documented is not None:
            problems += [f"{op_id}: undocumented field {name}" for name in value if name not in documented]
    shape = f"{len(value)} fields" if isinstance(value, dict) else f"{len(value)} items" if isinstance(value, list) else "a value"
    return problems, f"{op_id}: {method.upper()} {path} -> {status}, {shape}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="server to call, e.g. http://127.0.0.1:4010")
    parser.add_argument("--spec", default="generated/openapi.json", help="bundled contract (JSON)")
    args = parser.parse_args()
    with open(args.spec, encoding="utf-8") as handle:
        spec = json.load(handle)
    problems, checked = [], 0
    for path, path_item in spec["paths"].items():
        for method in METHODS:
            if method in path_item:
                found, summary = check_operation(spec, args.base_url, path, method, path_item)
                problems += found
                checked += 1
                if summary:
                    print("ok  " + summary)
    for problem in problems:
        print("FAIL " + problem, file=sys.stderr)
    print(f"{checked} operations checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
