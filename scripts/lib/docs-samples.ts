// Code samples for the rendered docs (x-codeSamples), derived from the bundled contract at build time: a curl line
// and a call of this package's client for every operation, so that they cannot drift from the contract.
import { clientPlace } from "../../src/naming.js";
import { requestExampleOf } from "./examples.js";
import { deref, operationParameters, type OpenApiDocument, type SpecOperation } from "./spec.js";

/** One entry of an operation's `x-codeSamples`. */
export type CodeSample = { lang: string; label: string; source: string };

/** The auth of the samples: SuperOffice Online's bearer token when an operation takes it, else its first scheme. */
const preferredScheme = "BearerAuth";

/** The first server's URL with its variables' defaults: `https://online.superoffice.com/Cust12345/api/v1`. */
export function defaultServerUrl(doc: OpenApiDocument): string {
  const server = (doc.servers as { url: string; variables?: Record<string, { default: string }> }[] | undefined)?.[0];
  if (!server) throw new Error("the contract has no servers: code samples need a base URL");
  return server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = server.variables?.[name]?.default;
    if (value === undefined) throw new Error(`server variable {${name}} of ${server.url} has no default`);
    return value;
  });
}

/** A value for a parameter: its example, its first named example, its schema's example or default, else by type. */
function parameterValue(doc: OpenApiDocument, parameter: Record<string, any>): unknown {
  const named = Object.values(parameter.examples ?? {})[0];
  const schema = deref(doc, parameter.schema ?? {});
  const value = parameter.example ?? (named ? deref(doc, named).value : undefined) ?? schema.example ?? schema.default;
  if (value !== undefined) return value;
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== "null") : schema.type;
  return type === "integer" || type === "number" ? 1 : type === "boolean" ? true : (schema.enum?.[0] ?? "value");
}

/** The JSON request body of the samples: the first example of application/json, or undefined without a body. */
export function requestExample(doc: OpenApiDocument, op: SpecOperation): unknown {
  const media = deref(doc, op.operation.requestBody ?? {})?.content?.["application/json"];
  if (!media) return undefined;
  const example = requestExampleOf(doc, op);
  if (example !== undefined) return example;
  throw new Error(`${op.operationId} takes a JSON body but has no example of application/json for its code samples`);
}

/** The security scheme names the samples send: one alternative of the operation's (or the document's) security. */
function sampleSchemes(doc: OpenApiDocument, op: SpecOperation): string[] {
  const alternatives: Record<string, unknown>[] = op.operation.security ?? (doc.security as Record<string, unknown>[]) ?? [];
  const preferred = alternatives.find((a) => Object.keys(a).length === 1 && preferredScheme in a);
  return Object.keys(preferred ?? alternatives[0] ?? {});
}

/** The curl option that sends one security scheme, with an environment variable for the secret. */
function curlAuth(doc: OpenApiDocument, name: string): string {
  const scheme = deref(doc, doc.components.securitySchemes?.[name]);
  const variable = `$SO_${name.replace(/Auth$/, "").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;
  if (scheme?.type === "http" && scheme.scheme === "basic") return `-u "$SO_USERNAME:$SO_PASSWORD"`;
  if (scheme?.type === "http" && scheme.scheme === "bearer") return `-H "Authorization: Bearer $SO_ACCESS_TOKEN"`;
  if (scheme?.type === "apiKey" && scheme.in === "header") {
    // An API key in the Authorization header carries its scheme word in the value (SoTicket <ticket>).
    const prefix = scheme.name.toLowerCase() === "authorization" ? `${name} ` : "";
    return `-H "${scheme.name}: ${prefix}${variable}"`;
  }
  throw new Error(`security scheme ${name} (${scheme?.type}) has no curl form in scripts/lib/docs-samples.ts`);
}

/** Quotes a string for a POSIX shell, in single quotes. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The query parameters a sample sends: the required ones and the operation's own (`userType` and `personId` of
 * `GET /User/Default`, `fk`), which say what the call does; not the `$`-named list and shaping options
 * (`$select`, `$top`, ...), which every list or carrier call takes and which only trim the answer.
 */
export function sampleQueryParameters(doc: OpenApiDocument, op: SpecOperation): Record<string, any>[] {
  return operationParameters(doc, op).filter((p) => p.in === "query" && (p.required || !p.name.startsWith("$")));
}

/** The path with its path parameters filled in and the sample's query parameters appended. */
function samplePath(doc: OpenApiDocument, op: SpecOperation): string {
  let path = op.path;
  for (const p of operationParameters(doc, op).filter((p) => p.in === "path")) {
    path = path.replace(`{${p.name}}`, encodeURIComponent(String(parameterValue(doc, p))));
  }
  const query = sampleQueryParameters(doc, op).map(
    (p) => `${encodeURIComponent(p.name).replace(/%24/g, "$")}=${encodeURIComponent(String(parameterValue(doc, p)))}`,
  );
  return query.length ? `${path}?${query.join("&")}` : path;
}

/** The curl sample of an operation, against the first server. */
export function curlSample(doc: OpenApiDocument, op: SpecOperation): string {
  const lines = [`curl -X ${op.method.toUpperCase()} ${shellQuote(defaultServerUrl(doc) + samplePath(doc, op))}`];
  for (const name of sampleSchemes(doc, op)) lines.push(curlAuth(doc, name));
  lines.push(`-H "Accept: application/json"`);
  const body = requestExample(doc, op);
  if (body !== undefined) lines.push(`-H "Content-Type: application/json"`, `-d ${shellQuote(JSON.stringify(body, null, 2))}`);
  return lines.join(" \\\n  ");
}

/** A JavaScript object literal of a JSON value, with identifier keys unquoted: `{ Name: "jdoe" }`. */
export function literal(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length ? `[\n${value.map((v) => inner + literal(v, inner)).join(",\n")},\n${indent}]` : "[]";
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (!entries.length) return "{}";
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)}`).join(",\n")},\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The name of the success result in the TypeScript sample: its carrier's name, else `result`; none for 204. */
function resultName(doc: OpenApiDocument, op: SpecOperation): string | undefined {
  const [status, response] = Object.entries(op.operation.responses ?? {}).find(([s]) => /^2/.test(s)) ?? [];
  const media = status ? deref(doc, response)?.content?.["application/json"] : undefined;
  if (!media) return undefined;
  const ref: unknown = media.schema?.$ref;
  const carrier = typeof ref === "string" ? ref.split("/").pop()! : "result";
  return carrier.charAt(0).toLowerCase() + carrier.slice(1);
}

/** The arguments of the client call: path parameters, the sample's query parameters and the body. */
function clientArguments(doc: OpenApiDocument, op: SpecOperation): string {
  const args: Record<string, unknown> = {};
  for (const p of operationParameters(doc, op).filter((p) => p.in === "path")) args[p.name] = parameterValue(doc, p);
  const query = Object.fromEntries(
    sampleQueryParameters(doc, op).filter((p) => p.name !== "$select").map((p) => [p.name, parameterValue(doc, p)]),
  );
  if (Object.keys(query).length) args.query = query;
  const body = requestExample(doc, op);
  if (body !== undefined) args.body = body;
  return Object.keys(args).length ? literal(args) : "";
}

/** The TypeScript sample of an operation: the client set up for Online, then one call in the naming rule's place. */
export function clientSample(doc: OpenApiDocument, op: SpecOperation): string {
  const place = clientPlace(op.operationId, op.path);
  const callee = place.namespace ? `api.${place.namespace}.${place.name}` : `api.${place.name}`;
  const result = resultName(doc, op);
  return [
    `import { createUserApiClient } from "superoffice-user-api";`,
    ``,
    `const api = createUserApiClient({`,
    `  baseUrl: ${JSON.stringify(defaultServerUrl(doc))},`,
    `  auth: { bearer: process.env.SO_ACCESS_TOKEN! },`,
    `});`,
    ``,
    `${result ? `const ${result} = ` : ""}await ${callee}(${clientArguments(doc, op)});`,
  ].join("\n");
}

/** Both samples of an operation, as `x-codeSamples` entries. */
export function codeSamples(doc: OpenApiDocument, op: SpecOperation): CodeSample[] {
  return [
    { lang: "curl", label: "curl", source: curlSample(doc, op) },
    { lang: "TypeScript", label: "TypeScript", source: clientSample(doc, op) },
  ];
}
