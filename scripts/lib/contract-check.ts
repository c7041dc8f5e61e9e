// Checks one real request and its answer against the bundled contract: which operation it is, and every place where
// the request or the answer breaks the contract (parameters, credentials, content types, status, JSON bodies).
import type { ErrorObject, ValidateFunction } from "ajv";
import { createSchemaValidator } from "./schema-validator.js";
import { deref, listOperations, operationParameters, type OpenApiDocument, type SpecOperation } from "./spec.js";

/** A request as the proxy received it: path without the query, header names in lower case. */
export type CheckedRequest = { method: string; path: string; query: URLSearchParams; headers: Record<string, string | undefined>; body: Buffer };

/** An answer as the upstream sent it, its body already decoded (gzip, br, deflate undone). */
export type CheckedResponse = { status: number; headers: Record<string, string | undefined>; body: Buffer };

/** One broken rule: where (`request`/`response`), at what (`query userId`, `body $.AssociateId`), and what was expected. */
export type Violation = { side: "request" | "response"; at: string; expected: string };

/** A matched operation, with the path parameters its template took from the URL. */
export type MatchedOperation = { op: SpecOperation; pathParams: Record<string, string> };

/** Media types whose bodies are checked as JSON; others (XML, forms) only have their Content-Type checked. */
const isJson = (mediaType: string) => mediaType === "application/json" || mediaType === "text/json" || mediaType.endsWith("+json");

/** How many schema errors one body reports at most (an anyOf miss can produce dozens). */
const MAX_BODY_ERRORS = 20;

/** The media type of a Content-Type value, without parameters, in lower case. */
const mediaTypeOf = (contentType: string | undefined) => contentType?.split(";")[0]?.trim().toLowerCase() ?? "";

/** Creates a checker for a bundled contract: `match` finds the operation, `checkRequest`/`checkResponse` list violations. */
export function createContractCheck(doc: OpenApiDocument) {
  const bodyValidator = createSchemaValidator(doc);
  const textValidator = createSchemaValidator(doc, { coerceTypes: true });
  // Literal segments before templated ones, so /User/Default wins over /User/{id}.
  const routes = listOperations(doc)
    .map((op) => ({ op, ...routePattern(op.path) }))
    .sort((a, b) => a.params.length - b.params.length);

  function match(method: string, path: string): MatchedOperation | undefined {
    for (const route of routes) {
      if (route.op.method !== method.toLowerCase()) continue;
      const found = route.pattern.exec(path);
      if (found) return { op: route.op, pathParams: Object.fromEntries(route.params.map((name, i) => [name, decodeSegment(found[i + 1]!)])) };
    }
    return undefined;
  }

  function checkRequest(matched: MatchedOperation, request: CheckedRequest): Violation[] {
    const out: Violation[] = [];
    for (const parameter of operationParameters(doc, matched.op)) out.push(...checkParameter(parameter, matched, request));
    const credentials = missingCredentials(doc, matched.op, request.headers);
    if (credentials) out.push({ side: "request", at: "credentials", expected: credentials });
    const body = matched.op.operation.requestBody ? deref(doc, matched.op.operation.requestBody) : undefined;
    if (!body) {
      if (request.body.length > 0) out.push({ side: "request", at: "body", expected: "no body (the operation takes none)" });
      return out;
    }
    if (request.body.length === 0) {
      if (body.required) out.push({ side: "request", at: "body", expected: `a body (${Object.keys(body.content).join(", ")})` });
      return out;
    }
    out.push(...checkContent("request", body.content, request.headers["content-type"], request.body));
    return out;
  }

  function checkParameter(parameter: Record<string, any>, matched: MatchedOperation, request: CheckedRequest): Violation[] {
    const value = parameterValue(parameter, matched, request);
    const at = `${parameter.in} ${parameter.name}`;
    if (value === undefined) return parameter.required ? [{ side: "request", at, expected: "a value (it is required)" }] : [];
    if (!parameter.schema) return [];
    const validate = textValidator(parameter.schema);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => ({ side: "request", at, expected: describeError(e, value) }));
  }

  function checkResponse(matched: MatchedOperation, response: CheckedResponse): Violation[] {
    const responses = matched.op.operation.responses ?? {};
    const key = [String(response.status), `${String(response.status)[0]}XX`, "default"].find((k) => k in responses);
    if (!key) return [{ side: "response", at: "status", expected: `one of ${Object.keys(responses).join(", ")} (got ${response.status})` }];
    const content: Record<string, any> | undefined = deref(doc, responses[key]).content;
    if (!content || Object.keys(content).length === 0) {
      return response.body.length > 0 ? [{ side: "response", at: "body", expected: `no body for ${response.status}` }] : [];
    }
    if (response.body.length === 0) {
      // Error answers often come without a body (a 404, a gateway's 401); only a success must carry its content.
      return response.status < 300 ? [{ side: "response", at: "body", expected: `a body (${Object.keys(content).join(", ")})` }] : [];
    }
    return checkContent("response", content, response.headers["content-type"], response.body);
  }

  function checkContent(side: Violation["side"], content: Record<string, any>, contentType: string | undefined, body: Buffer): Violation[] {
    const mediaType = mediaTypeOf(contentType);
    const entry = content[mediaType];
    if (!entry) return [{ side, at: "Content-Type", expected: `one of ${Object.keys(content).join(", ")} (got ${mediaType || "none"})` }];
    if (!isJson(mediaType) || !entry.schema) return [];
    let value: unknown;
    try {
      value = JSON.parse(body.toString("utf8").replace(/^\uFEFF/, ""));
    } catch {
      return [{ side, at: "body", expected: `JSON (${mediaType}), but it does not parse` }];
    }
    const validate: ValidateFunction = bodyValidator(entry.schema);
    if (validate(value)) return [];
    const errors = validate.errors ?? [];
    const shown = errors
      .slice(0, MAX_BODY_ERRORS)
      .map((e) => ({ side, at: `body ${jsonPath(e.instancePath)}`, expected: describeError(e, at(value, e.instancePath)) }));
    const hidden = errors.length - shown.length;
    if (hidden > 0) shown.push({ side, at: "body", expected: `${hidden} more schema errors not shown` });
    return shown;
  }

  return { match, checkRequest, checkResponse };
}

/** A path template as a case-insensitive pattern (the WebAPI routes case-insensitively) and its parameter names. */
function routePattern(template: string): { pattern: RegExp; params: string[] } {
  const params: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{.+\}$/.test(part) ? (params.push(part.slice(1, -1)), "([^/]+)") : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return { pattern: new RegExp(`^${source}/?$`, "i"), params };
}

/** A path segment with its %-escapes undone; a malformed escape stays as written (and fails the schema, if typed). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A parameter's text from the URL path, the query (names matched case-insensitively, as the WebAPI does) or a header. */
function parameterValue(parameter: Record<string, any>, matched: MatchedOperation, request: CheckedRequest): string | undefined {
  const name = String(parameter.name);
  if (parameter.in === "path") return matched.pathParams[name];
  if (parameter.in === "header") return request.headers[name.toLowerCase()];
  if (parameter.in === "query") {
    for (const [key, value] of request.query) if (key.toLowerCase() === name.toLowerCase()) return value;
  }
  return undefined;
}

/** Why no security requirement of the operation is met by the request's headers, or undefined when one is. */
function missingCredentials(doc: OpenApiDocument, op: SpecOperation, headers: CheckedRequest["headers"]): string | undefined {
  const requirements: Record<string, unknown>[] = op.operation.security ?? (doc.security as Record<string, unknown>[] | undefined) ?? [];
  if (requirements.length === 0) return undefined;
  const schemes = doc.components.securitySchemes ?? {};
  const present = (name: string) => {
    const scheme = deref(doc, schemes[name]);
    const authorization = headers.authorization ?? "";
    if (scheme.type === "http") return authorization.toLowerCase().startsWith(`${String(scheme.scheme).toLowerCase()} `);
    if (scheme.type === "apiKey" && scheme.in === "header") return Boolean(headers[String(scheme.name).toLowerCase()]);
    return true; // cookies and other kinds are not checked
  };
  if (requirements.some((requirement) => Object.keys(requirement).every(present))) return undefined;
  return `one of ${requirements.map((r) => Object.keys(r).join(" + ")).join(" | ")}`;
}

/** A JSON pointer from Ajv (`/Person/Emails/0`) as a JSON path (`$.Person.Emails[0]`). */
export function jsonPath(pointer: string): string {
  const keys = pointer === "" ? [] : pointer.slice(1).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  return `$${keys.map((k) => (/^\d+$/.test(k) ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)).join("")}`;
}

/** The value at a JSON pointer inside a parsed body. */
function at(value: unknown, pointer: string): unknown {
  if (pointer === "") return value;
  return pointer
    .slice(1)
    .split("/")
    .reduce<any>((node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], value);
}

/** The JSON type of a value, the way JSON Schema names it; never the value itself, which may be a secret. */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** What the schema expected, in words: Ajv's message, the allowed values of an enum, and the type that came instead. */
function describeError(error: ErrorObject, value: unknown): string {
  if (error.keyword === "enum") return `${error.message}: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  if (error.keyword === "type") return `must be ${[error.params.type].flat().join(" or ")} (got ${jsonType(value)})`;
  return error.message ?? error.keyword;
}
