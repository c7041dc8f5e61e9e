// A JSON Schema 2020-12 validator (Ajv) for the contract's schemas: used by the tests and the contract proxy.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { OpenApiDocument } from "./spec.js";

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof import("ajv-formats").default;

/** Rewrites `#/components/schemas/X` references to `#/$defs/X` so that each schema compiles on its own. */
function toDefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toDefs);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key === "$ref" && typeof item === "string" ? item.replace("#/components/schemas/", "#/$defs/") : toDefs(item),
      ]),
    );
  }
  return value;
}

/**
 * Compiles validators for the document's schemas, or for any inline schema that refers to them. With
 * `coerceTypes`, text is read as the schema's type first (for query, path and header values, which are text).
 */
export function createSchemaValidator(doc: OpenApiDocument, options: { coerceTypes?: boolean } = {}) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, coerceTypes: options.coerceTypes ?? false });
  addFormats(ajv);
  ajv.addVocabulary(["example", "xml", "externalDocs", "discriminator", "x-superoffice-secret"]);
  const defs = toDefs(doc.components.schemas) as Record<string, unknown>;
  const cache = new Map<unknown, ValidateFunction>();
  return (schema: unknown): ValidateFunction => {
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile({ $defs: defs, ...(toDefs(schema) as object) });
      cache.set(schema, validate);
    }
    return validate;
  };
}
