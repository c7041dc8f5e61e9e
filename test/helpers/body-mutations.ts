// Where a request body can be made invalid, and how: one wrong-typed value per property, found in the schema.
import { deref, type OpenApiDocument } from "../../scripts/lib/spec.js";

/** A property path in a body and a value its schema rejects. */
export type Mutation = { path: string[]; value: unknown; why: string };

/** The non-null branch of `type: [x, 'null']` or `anyOf: [{$ref}, {type: 'null'}]`, resolved. */
function concrete(doc: OpenApiDocument, schema: any): any {
  const resolved = deref(doc, schema);
  const branches = resolved.anyOf ?? resolved.oneOf;
  if (branches) return concrete(doc, branches.find((b: any) => deref(doc, b).type !== "null"));
  if (resolved.allOf) {
    const parts = resolved.allOf.map((part: any) => concrete(doc, part));
    return { type: "object", properties: Object.assign({}, ...parts.map((part: any) => part.properties ?? {})) };
  }
  return resolved;
}

const typeOf = (schema: any): string | undefined =>
  Array.isArray(schema.type) ? schema.type.find((t: string) => t !== "null") : schema.type;

/** A value of the wrong type (or outside the enum) for a schema, or undefined when anything goes. */
function wrongValue(schema: any): Omit<Mutation, "path"> | undefined {
  if (schema.enum) return { value: "NotAMemberOfTheEnum", why: "not an enum member" };
  switch (typeOf(schema)) {
    case "integer":
      return { value: "12x", why: "string for an integer" };
    case "number":
      return { value: "1.5x", why: "string for a number" };
    case "boolean":
      return { value: "yes", why: "string for a boolean" };
    case "string":
      return schema.format === "date-time" ? { value: 20240101, why: "number for a date-time" } : { value: 12345, why: "number for a string" };
    case "array":
      return { value: 7, why: "number for an array" };
    case "object":
      return { value: "text", why: "string for an object" };
    default:
      return undefined;
  }
}

/** Every mutation of a body schema, down to `depth` levels of nested objects. */
export function bodyMutations(doc: OpenApiDocument, schema: any, depth = 2, path: string[] = []): Mutation[] {
  const object = concrete(doc, schema);
  const out: Mutation[] = [];
  for (const [name, property] of Object.entries<any>(object.properties ?? {})) {
    const target = concrete(doc, property);
    const wrong = wrongValue(target);
    if (wrong) out.push({ path: [...path, name], ...wrong });
    if (depth > 1 && typeOf(target) === "object" && target.properties) out.push(...bodyMutations(doc, target, depth - 1, [...path, name]));
  }
  return out;
}

/** A copy of a body with the value at `path` replaced, creating the objects on the way. */
export function applyMutation(body: unknown, mutation: Mutation): Record<string, unknown> {
  const copy = structuredClone(body ?? {}) as Record<string, any>;
  let node = copy;
  for (const key of mutation.path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== "object" || Array.isArray(node[key])) node[key] = {};
    node = node[key];
  }
  node[mutation.path.at(-1)!] = mutation.value;
  return copy;
}
