// The copy of the bundled contract that the docs page renders: the contract plus what only a reader needs
// (code samples, a Schemas section in the navigation) and one rewrite for Redoc's sake (nullable anyOf shapes).
// The contract itself is never changed; tools other than Redoc read generated/openapi.json.
import { codeSamples } from "./docs-samples.js";
import { listOperations, type OpenApiDocument } from "./spec.js";

/** The sidebar section that lists every schema (Redoc's `schemaDefinitionsTagName`). */
export const schemasTagName = "All schemas";

const isNullSchema = (s: unknown) => !!s && typeof s === "object" && Object.keys(s).length === 1 && (s as any).type === "null";
const isBareRef = (s: unknown) => !!s && typeof s === "object" && Object.keys(s).length === 1 && typeof (s as any).$ref === "string";
const isOneInlineType = (s: any) => !!s && typeof s === "object" && typeof s.type === "string" && s.type !== "null" && !("$ref" in s);

/**
 * Rewrites every `anyOf`/`oneOf: [{$ref: X}, {type: "null"}]` (either order) to `{$ref: X, "x-nullable": true}`, keeping
 * the field's own keywords (its description). Redoc 3 renders the former as an "Any of: X | null" switch with X's
 * description; the latter as one "X or null" object with the field's description. Only the docs see this shape:
 * in JSON Schema it would forbid null. An inline branch (`[{type: array, items}, {type: "null"}]`, written so for
 * a generator's sake) becomes the usual `type: [array, "null"]`. Returns how many fields were rewritten.
 */
export function collapseNullableRefs(node: unknown): number {
  if (!node || typeof node !== "object") return 0;
  let count = 0;
  // Examples are data, not schemas: leave them as they are.
  const children = Array.isArray(node) ? node : Object.entries(node).filter(([k]) => k !== "example" && k !== "examples").map(([, v]) => v);
  for (const value of children) count += collapseNullableRefs(value);
  const schema = node as Record<string, any>;
  for (const keyword of ["anyOf", "oneOf"]) {
    const branches = schema[keyword];
    if (!Array.isArray(branches) || branches.length !== 2 || !branches.some(isNullSchema)) continue;
    const ref = branches.find(isBareRef);
    const inline = branches.find(isOneInlineType);
    if (ref && !("$ref" in schema)) {
      delete schema[keyword];
      Object.assign(schema, { $ref: ref.$ref, "x-nullable": true });
      count += 1;
    } else if (inline && !("type" in schema) && !("$ref" in schema)) {
      delete schema[keyword];
      Object.assign(schema, { ...inline, ...schema, type: [inline.type, "null"] });
      count += 1;
    }
  }
  return count;
}

/** Lists every schema in the sidebar, in a section (and tag group) of its own after the operations. */
export function addSchemasSection(doc: OpenApiDocument): void {
  const tags = ((doc.tags as { name: string }[] | undefined) ?? []).filter((t) => t.name !== schemasTagName);
  tags.push({ name: schemasTagName, description: "Every carrier and request body of the contract, with its fields." } as { name: string });
  doc.tags = tags;
  const groups = doc["x-tagGroups"] as { name: string; tags: string[] }[] | undefined;
  if (groups && !groups.some((g) => g.tags.includes(schemasTagName))) groups.push({ name: "Schemas", tags: [schemasTagName] });
}

/** The document the docs page renders, made from a bundled contract (which is left as it is). */
export function docsDefinition(bundle: OpenApiDocument): OpenApiDocument {
  const doc = structuredClone(bundle);
  for (const op of listOperations(doc)) op.operation["x-codeSamples"] = codeSamples(doc, op);
  collapseNullableRefs(doc);
  addSchemasSection(doc);
  return doc;
}
