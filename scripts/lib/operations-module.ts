// Renders generated/operations.ts from the bundled contract: carrier types by name, the operation table the runtime
// reads, what each operation takes and answers, and the client's shape under the naming rule of src/naming.ts.
import { clientPlace } from "../../src/naming.js";
import { agentPath } from "../../src/operation-table.js";
import {
  answersSecret,
  deref,
  listOperations,
  operationParameters,
  successSchemas,
  type OpenApiDocument,
  type SpecOperation,
} from "./spec.js";

/** The first sentence of a description (or the whole first paragraph when it has no sentence end), on one line. */
export function firstSentence(text: string): string {
  const paragraph = text.trim().split(/\n\s*\n/)[0]!.replace(/\s+/g, " ");
  // A period ends a sentence unless it closes an abbreviation such as "e.g." or "i.e.".
  const end = /(?<!\b(?:e\.g|i\.e|etc|vs))[.!?](?=\s|$)/.exec(paragraph);
  return (end ? paragraph.slice(0, end.index + 1) : paragraph).replace(/\*\//g, "*\\/");
}

const schemaRef = /^#\/components\/schemas\/([A-Za-z0-9_]+)$/;

/** True when openapi-typescript renders the schema as one object type, which an interface can extend. */
function isObjectSchema(schema: any): boolean {
  if (schema.oneOf || schema.anyOf || schema.enum) return false;
  // Named properties next to a typed index signature clash in an interface (TS2411).
  if (schema.properties && typeof schema.additionalProperties === "object") return false;
  const types = [schema.type].flat().filter(Boolean);
  return types.includes("object") || (types.length === 0 && Boolean(schema.properties || schema.allOf));
}

/**
 * The TypeScript type of a schema written with the carrier names (`UserWithLinks`, `CredentialType[]`), so that
 * editors show names instead of object literals; undefined when it has no short form (the caller falls back).
 */
export function typeExpression(schema: any): string | undefined {
  if (!schema) return undefined;
  if (typeof schema.$ref === "string") return schemaRef.exec(schema.$ref)?.[1];
  const nullable = (schema.anyOf ?? schema.oneOf)?.length === 2 && (schema.anyOf ?? schema.oneOf).find((s: any) => s.type === "null");
  if (nullable) {
    const inner = typeExpression((schema.anyOf ?? schema.oneOf).find((s: any) => s.type !== "null"));
    return inner && `${inner} | null`;
  }
  if (schema.type === "array") {
    const items = typeExpression(schema.items);
    return items && (items.includes(" ") ? `(${items})[]` : `${items}[]`);
  }
  if (schema.enum) return undefined;
  const primitive: Record<string, string> = { string: "string", integer: "number", number: "number", boolean: "boolean" };
  return primitive[schema.type];
}

/** `data`, `body` and `args` of one operation in the OperationTypes map. */
function operationTypes(doc: OpenApiDocument, op: SpecOperation): string {
  const answers = successSchemas(doc, op).map((schema) => (schema ? typeExpression(schema) : "undefined"));
  const data = answers.every(Boolean) ? [...new Set(answers)].join(" | ") : `RawData<"${op.operationId}">`;
  const requestBody = op.operation.requestBody ? deref(doc, op.operation.requestBody) : undefined;
  const bodySchema = requestBody?.content?.["application/json"]?.schema;
  const body = !requestBody ? "never" : (typeExpression(bodySchema) ?? `RawBody<"${op.operationId}">`);
  return `  ${op.operationId}: { data: ${data}; body: ${body}; args: ${operationArgs(doc, op, body, data)} };`;
}

/** `$select` means response properties on carriers, but archive column names on archive lists. */
function takesColumnSelect(op: SpecOperation): boolean {
  return (op.operation.parameters ?? []).some((p: any) => p.$ref === "#/components/parameters/ArchiveSelect");
}

/**
 * The first argument of an operation's function, spelled out from the contract: resolving it once here instead of
 * through conditional types per call is what keeps a consumer's type-check cheap (npm run bench measures it).
 */
function operationArgs(doc: OpenApiDocument, op: SpecOperation, body: string, data: string): string {
  const id = JSON.stringify(op.operationId);
  const params = operationParameters(doc, op);
  const parts: string[] = [];
  if (params.some((p) => p.in === "path")) parts.push(`PathArg<${id}>`);
  const requestBody = op.operation.requestBody ? deref(doc, op.operation.requestBody) : undefined;
  if (requestBody?.content?.["application/json"]) parts.push(requestBody.required === true ? `BodyArg<${body}>` : `OptionalBodyArg<${body}>`);
  if (params.some((p) => p.in === "query" && p.name === "$select")) {
    parts.push(takesColumnSelect(op) ? "ColumnSelectArg" : `SelectArg<${data}>`);
  }
  const query = params.filter((p) => p.in === "query" && p.name !== "$select");
  if (query.length) parts.push(query.some((p) => p.required) ? `QueryArg<${id}>` : `OptionalQueryArg<${id}>`);
  return parts.join(" & ") || "EmptyArgs";
}

/** The runtime's entry for one operation: only what it needs, and only when it is not the default. */
/** The generated row of an operation: its table entry, without method and path where the naming rule gives them. */
function operationRow(doc: OpenApiDocument, op: SpecOperation): Record<string, unknown> {
  const { method, path, ...rest } = tableEntry(doc, op);
  return method === "post" && path === agentPath(op.operationId) ? rest : { method, path, ...rest };
}

function tableEntry(doc: OpenApiDocument, op: SpecOperation): Record<string, unknown> {
  const params = operationParameters(doc, op);
  const entry: Record<string, unknown> = { method: op.method, path: op.path };
  const pathParams = params
    .filter((p) => p.in === "path")
    .map((p) => {
      const { type, format, minimum, maximum } = deref(doc, p.schema ?? {});
      return { name: p.name, type, format, minimum, maximum };
    });
  if (pathParams.length) entry.pathParams = pathParams;
  if (params.some((p) => p.in === "query" && p.name === "$select")) entry.select = true;
  const requiredQuery = params.filter((p) => p.in === "query" && p.required).map((p) => p.name);
  if (requiredQuery.length) entry.requiredQuery = requiredQuery;
  // An answer that is itself a password or token must not be quoted in an error when it fails to parse.
  if (answersSecret(doc, op)) entry.secretAnswer = true;
  const requestBody = op.operation.requestBody ? deref(doc, op.operation.requestBody) : undefined;
  if (requestBody) entry.body = requestBody.required === true ? "required" : "optional";
  const patchTypes = Object.keys(requestBody?.content ?? {}).filter((type) => /(json-patch|merge-patch)\+json$/.test(type));
  if (patchTypes.length) entry.patchMediaTypes = patchTypes;
  return entry;
}

/** Names of the properties marked x-superoffice-secret that no other schema uses for a non-secret value. */
export function secretPropertyNames(doc: OpenApiDocument): string[] {
  const secret = new Set<string>();
  const plain = new Set<string>();
  const visit = (schema: any): void => {
    if (!schema || typeof schema !== "object") return;
    for (const [name, prop] of Object.entries<any>(schema.properties ?? {})) {
      (prop?.["x-superoffice-secret"] === true ? secret : plain).add(name);
    }
    for (const key of ["allOf", "anyOf", "oneOf"]) (schema[key] ?? []).forEach(visit);
  };
  Object.values(doc.components.schemas ?? {}).forEach(visit);
  return [...secret].filter((name) => !plain.has(name)).sort();
}

/** One carrier type per schema: an interface where possible, so that editors and errors print its name. */
function schemaDeclarations(doc: OpenApiDocument): string[] {
  const schemas = Object.entries<any>(doc.components.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return schemas.flatMap(([name, schema]) => [
    `/** ${firstSentence(String(schema.description ?? name))} */`,
    isObjectSchema(schema)
      ? `export interface ${name} extends Carrier<"${name}"> {}`
      : `export type ${name} = ${(schema.type === "array" && typeExpression(schema)) || `components["schemas"]["${name}"]`};`,
  ]);
}

/** The client's interfaces: REST calls on the client itself, agent calls in one interface per agent namespace. */
function clientInterfaces(ops: SpecOperation[]): string[] {
  const groups = new Map<string | undefined, string[]>([[undefined, []]]);
  for (const op of ops) {
    const { namespace, name } = clientPlace(op.operationId, op.path);
    if (!groups.has(namespace)) groups.set(namespace, []);
    groups.get(namespace)!.push(
      `  /** ${firstSentence(op.operation.summary)}: \`${op.method.toUpperCase()} ${op.path}\`. */`,
      `  ${name}: OperationFunction<"${op.operationId}">;`,
    );
  }
  const lines: string[] = [];
  const namespaces = [...groups.keys()].filter((ns): ns is string => ns !== undefined).sort();
  const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
  const agentOf = (ns: string) => upperFirst(ns.replace(/Agent$/, ""));
  for (const ns of namespaces) {
    lines.push(`/** The ${agentOf(ns)} agent: \`POST /Agents/${agentOf(ns)}/<Method>\` is \`${ns}.<method>\`. */`);
    lines.push(`export interface ${upperFirst(ns)}Operations {`, ...groups.get(ns)!, "}", "");
  }
  lines.push("/** One typed function per operation: REST calls by operationId, agent calls in their agent's namespace. */");
  lines.push("export interface UserApiOperations {", ...groups.get(undefined)!);
  for (const ns of namespaces) {
    lines.push(`  /** The ${agentOf(ns)} agent's calls, \`POST /Agents/${agentOf(ns)}/<Method>\`, named as in SuperOffice's reference. */`);
    lines.push(`  ${ns}: ${upperFirst(ns)}Operations;`);
  }
  lines.push("}", "");
  return lines;
}

/** Renders generated/operations.ts. */
export function operationsModule(doc: OpenApiDocument, banner: string): string {
  const ops = listOperations(doc).sort((a, b) => a.operationId.localeCompare(b.operationId));
  const lines: string[] = [banner, 'import type { components } from "./schema.js";'];
  lines.push('import type { BodyArg, Carrier, ColumnSelectArg, EmptyArgs, OperationFunction, OptionalBodyArg, OptionalQueryArg, PathArg, QueryArg, RawBody, RawData, SelectArg } from "../src/operation-types.js";');
  lines.push('import { expandOperationTable } from "../src/operation-table.js";', "");
  lines.push(...schemaDeclarations(doc), "");
  lines.push(
    "/**",
    " * How each operation is called: method, path template, parameters and body. Agent calls leave out",
    " * `POST /Agents/<Agent>/<Method>`, which expandOperationTable (src/operation-table.ts) fills in from the operationId.",
    " */",
    "export const operationTable = expandOperationTable({",
  );
  for (const op of ops) lines.push(`  ${op.operationId}: ${JSON.stringify(operationRow(doc, op))},`);
  lines.push("});", "");
  const columnSelect = ops.filter(takesColumnSelect);
  lines.push("/** Operations whose `$select` takes archive column names rather than response properties. */");
  lines.push(`export type ColumnSelectOperationId = ${columnSelect.map((op) => JSON.stringify(op.operationId)).join(" | ") || "never"};`, "");
  lines.push("/** Property names whose values are secrets (x-superoffice-secret): redacted from errors. */");
  lines.push(`export const secretPropertyNames: readonly string[] = ${JSON.stringify(secretPropertyNames(doc))};`, "");
  lines.push("/** What each operation answers (`data`) and takes (`body`), by carrier name; the signatures are built on it. */");
  lines.push("export interface OperationTypes {", ...ops.map((op) => operationTypes(doc, op)), "}", "");
  lines.push(...clientInterfaces(ops));
  return lines.join("\n");
}
