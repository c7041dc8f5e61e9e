// Compares two versions of an OpenAPI 3.1 contract and lists what changed, and whether each change breaks clients.
// Direction matters: a request schema may not accept less (narrowed type, new required field, removed enum
// member); a response schema may not send more (new type such as null, new enum member) or less (removed field).
import { deref, listOperations, operationParameters, type OpenApiDocument } from "./spec.js";

/** One difference between the old and the new contract. */
export type ContractChange = { breaking: boolean; location: string; message: string };

type Direction = "request" | "response";

/** The parts of a schema the comparison looks at, with $refs, allOf and `anyOf: [x, null]` flattened. */
type SchemaView = {
  types: Set<string> | undefined;
  enum: unknown[] | undefined;
  format: string | undefined;
  properties: Record<string, unknown>;
  required: Set<string>;
  items: unknown;
  additionalProperties: unknown;
  limits: Record<string, number | undefined>;
};

/** Walks one contract's schemas into views. */
function view(doc: OpenApiDocument, schema: any): SchemaView {
  const resolved = deref(doc, schema ?? {});
  const out: SchemaView = {
    types: undefined,
    enum: resolved.enum,
    format: resolved.format,
    properties: { ...(resolved.properties ?? {}) },
    required: new Set(resolved.required ?? []),
    items: resolved.items,
    additionalProperties: resolved.additionalProperties,
    limits: {
      minimum: resolved.minimum,
      maximum: resolved.maximum,
      minLength: resolved.minLength,
      maxLength: resolved.maxLength,
    },
  };
  if (resolved.type !== undefined) out.types = new Set([resolved.type].flat());
  for (const part of resolved.allOf ?? []) merge(out, view(doc, part));
  const branches = resolved.anyOf ?? resolved.oneOf;
  if (branches) {
    const types = new Set<string>(out.types ?? []);
    for (const branch of branches) {
      const sub = view(doc, branch);
      for (const t of sub.types ?? ["any"]) types.add(t);
      if (!sub.types?.has("null") || sub.types.size > 1) merge(out, { ...sub, types: undefined });
    }
    out.types = types.has("any") ? undefined : types;
  }
  return out;
}

function merge(into: SchemaView, from: SchemaView) {
  if (from.types) into.types = into.types ? new Set([...into.types].filter((t) => from.types!.has(t))) : from.types;
  Object.assign(into.properties, from.properties);
  for (const name of from.required) into.required.add(name);
  into.enum ??= from.enum;
  into.format ??= from.format;
  into.items ??= from.items;
  into.additionalProperties ??= from.additionalProperties;
  for (const [key, value] of Object.entries(from.limits)) into.limits[key] ??= value;
}

/** Types a value of `types` may have, with integer counted as a number. */
const accepts = (types: Set<string> | undefined, type: string) =>
  !types || types.has(type) || (type === "integer" && types.has("number"));

/** Where a $ref points, for readable locations ("User"), else the location so far. */
const refName = (schema: any, fallback: string) =>
  typeof schema?.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : fallback;

class Comparison {
  readonly changes = new Map<string, ContractChange>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly oldDoc: OpenApiDocument,
    private readonly newDoc: OpenApiDocument,
  ) {}

  add(breaking: boolean, location: string, message: string) {
    const key = `${location}\u0000${message}`;
    const known = this.changes.get(key);
    this.changes.set(key, { breaking: breaking || (known?.breaking ?? false), location, message });
  }

  /** Compares a schema in one direction; `location` names it for the report. */
  schema(oldSchema: any, newSchema: any, location: string, direction: Direction) {
    const key = `${oldSchema?.$ref ?? ""}|${newSchema?.$ref ?? ""}|${direction}|${oldSchema?.$ref ? "" : location}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const a = view(this.oldDoc, oldSchema);
    const b = view(this.newDoc, newSchema);
    const inRequest = direction === "request";

    for (const type of a.types ?? []) {
      if (!accepts(b.types, type)) this.add(inRequest, location, `type ${type} is no longer allowed (narrowed)`);
    }
    for (const type of b.types ?? ["any"]) {
      if (!accepts(a.types, type)) this.add(!inRequest, location, `type ${type} is now allowed (widened)`);
    }
    if (a.format !== b.format) this.add(true, location, `format changed from ${a.format ?? "none"} to ${b.format ?? "none"}`);
    if (a.enum && b.enum) {
      const before = new Set(a.enum);
      const after = new Set(b.enum);
      for (const member of before) if (!after.has(member)) this.add(true, location, `enum member ${JSON.stringify(member)} removed`);
      for (const member of after) if (!before.has(member)) this.add(!inRequest, location, `enum member ${JSON.stringify(member)} added`);
    } else if (b.enum) this.add(inRequest, location, "values restricted to an enum (narrowed)");
    else if (a.enum) this.add(!inRequest, location, "enum restriction removed (widened)");
    for (const [limit, tighter] of [["minimum", 1], ["maximum", -1], ["minLength", 1], ["maxLength", -1]] as const) {
      const before = a.limits[limit];
      const after = b.limits[limit];
      if (before === after) continue;
      const narrowed = after !== undefined && (before === undefined || Math.sign(after - before) === tighter);
      this.add(narrowed ? inRequest : !inRequest, location, `${limit} changed from ${before ?? "none"} to ${after ?? "none"}`);
    }
    for (const [name, property] of Object.entries(a.properties)) {
      const at = `${location}.${name}`;
      if (!(name in b.properties)) this.add(true, at, "property removed");
      else this.schema(property, b.properties[name], refName(b.properties[name], at), direction);
    }
    for (const name of Object.keys(b.properties)) {
      if (!(name in a.properties)) this.add(inRequest && b.required.has(name), `${location}.${name}`, `property added${b.required.has(name) ? " (required)" : ""}`);
    }
    for (const name of b.required) {
      if (!a.required.has(name) && name in a.properties) this.add(inRequest, `${location}.${name}`, "property became required");
    }
    for (const name of a.required) {
      if (!b.required.has(name) && name in b.properties) this.add(!inRequest, `${location}.${name}`, "property is no longer required");
    }
    if (a.additionalProperties !== false && b.additionalProperties === false) {
      this.add(inRequest, location, "additional properties are no longer allowed");
    }
    if (a.items && b.items) this.schema(a.items, b.items, refName(b.items, `${location}[]`), direction);
    if (isSchema(a.additionalProperties) && isSchema(b.additionalProperties)) {
      this.schema(a.additionalProperties, b.additionalProperties, `${location}{}`, direction);
    }
  }
}

const isSchema = (value: unknown) => !!value && typeof value === "object";

/** JSON content of a request body or response, resolved. */
const contentOf = (doc: OpenApiDocument, holder: any): Record<string, any> => deref(doc, holder ?? {}).content ?? {};

/** Lists every change from `oldDoc` to `newDoc`, breaking ones first. */
export function diffContracts(oldDoc: OpenApiDocument, newDoc: OpenApiDocument): ContractChange[] {
  const cmp = new Comparison(oldDoc, newDoc);
  const key = (op: { method: string; path: string }) => `${op.method.toUpperCase()} ${op.path.replace(/\{[^}]+\}/g, "{}")}`;
  const oldOps = new Map(listOperations(oldDoc).map((op) => [key(op), op]));
  const newOps = new Map(listOperations(newDoc).map((op) => [key(op), op]));

  for (const [name, op] of newOps) if (!oldOps.has(name)) cmp.add(false, op.operationId, `operation added: ${op.method.toUpperCase()} ${op.path}`);
  for (const [name, before] of oldOps) {
    const after = newOps.get(name);
    const where = before.operationId;
    if (!after) {
      cmp.add(true, where, `operation removed: ${before.method.toUpperCase()} ${before.path}`);
      continue;
    }
    if (after.operationId !== before.operationId) cmp.add(true, where, `operationId renamed to ${after.operationId}`);

    const paramKey = (p: any) => `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
    const oldParams = new Map(operationParameters(oldDoc, before).map((p) => [paramKey(p), p]));
    const newParams = new Map(operationParameters(newDoc, after).map((p) => [paramKey(p), p]));
    for (const [k, p] of oldParams) {
      const next = newParams.get(k);
      if (!next) cmp.add(true, `${where} ${p.in} parameter ${p.name}`, "parameter removed");
      else {
        if (next.required && !p.required) cmp.add(true, `${where} ${p.in} parameter ${p.name}`, "parameter became required");
        cmp.schema(p.schema, next.schema, `${where} ${p.in} parameter ${p.name}`, "request");
      }
    }
    for (const [k, p] of newParams) {
      if (!oldParams.has(k)) cmp.add(!!p.required, `${where} ${p.in} parameter ${p.name}`, `parameter added${p.required ? " (required)" : ""}`);
    }

    const oldBody = deref(oldDoc, before.operation.requestBody ?? {});
    const newBody = deref(newDoc, after.operation.requestBody ?? {});
    if (newBody.required && !oldBody.required) cmp.add(true, `${where} request body`, "request body became required");
    const oldIn = contentOf(oldDoc, oldBody);
    const newIn = contentOf(newDoc, newBody);
    for (const type of Object.keys(oldIn)) {
      if (!newIn[type]) cmp.add(true, `${where} request body`, `media type ${type} no longer accepted`);
      else cmp.schema(oldIn[type].schema, newIn[type].schema, refName(newIn[type].schema, `${where} request body`), "request");
    }

    const oldResponses = before.operation.responses ?? {};
    const newResponses = after.operation.responses ?? {};
    for (const [status, response] of Object.entries<any>(oldResponses)) {
      if (!newResponses[status]) {
        cmp.add(status.startsWith("2"), `${where} response ${status}`, "response removed");
        continue;
      }
      const oldOut = contentOf(oldDoc, response);
      const newOut = contentOf(newDoc, newResponses[status]);
      for (const type of Object.keys(oldOut)) {
        if (!newOut[type]) cmp.add(true, `${where} response ${status}`, `media type ${type} no longer sent`);
        else cmp.schema(oldOut[type].schema, newOut[type].schema, refName(newOut[type].schema, `${where} response ${status}`), "response");
      }
      for (const type of Object.keys(newOut)) if (!oldOut[type]) cmp.add(false, `${where} response ${status}`, `media type ${type} added`);
    }
    for (const status of Object.keys(newResponses)) {
      if (!oldResponses[status]) cmp.add(status.startsWith("2"), `${where} response ${status}`, "response added");
    }
  }

  for (const section of ["schemas", "securitySchemes", "parameters", "responses"]) {
    const before = oldDoc.components?.[section] ?? {};
    const after = newDoc.components?.[section] ?? {};
    for (const name of Object.keys(before)) if (!(name in after)) cmp.add(true, `components.${section}.${name}`, "removed");
    for (const name of Object.keys(after)) if (!(name in before)) cmp.add(false, `components.${section}.${name}`, "added");
  }
  return [...cmp.changes.values()].sort((x, y) => Number(y.breaking) - Number(x.breaking) || x.location.localeCompare(y.location));
}

/** The semver bump a set of changes needs: major for breaking ones (minor before 1.0), else minor for additions. */
export function requiredBump(changes: ContractChange[], version: string): "major" | "minor" | "patch" | "none" {
  if (changes.length === 0) return "none";
  const breaking = changes.some((c) => c.breaking);
  if (breaking) return version.startsWith("0.") ? "minor" : "major";
  return version.startsWith("0.") ? "patch" : "minor";
}
