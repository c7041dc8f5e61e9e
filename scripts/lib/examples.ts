// The contract's named examples: an operation's as client arguments (for the tests that call the mock, the demo and
// the docs' code samples), and all of them with the schemas they are written for (for the example checks).
import { deref, listOperations, operationParameters, type OpenApiDocument, type SpecOperation } from "./spec.js";

/** The value of the operation's JSON request example (`example`, else the first named one), or undefined. */
export function requestExampleOf(doc: OpenApiDocument, op: SpecOperation): any {
  const media = deref(doc, op.operation.requestBody ?? {}).content?.["application/json"];
  if (media?.example !== undefined) return media.example;
  const first = media && Object.values<any>(media.examples ?? {})[0];
  return first === undefined ? undefined : deref(doc, first).value;
}

/**
 * Client arguments from the operation's examples: path parameters and required query parameters (the agents'
 * `?userId=`) from their examples (else the schema's example, else 1), and the JSON request example as `body`.
 */
export function exampleArgsOf(doc: OpenApiDocument, op: SpecOperation): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const param of operationParameters(doc, op)) {
    const example = param.example ?? deref(doc, param.schema ?? {}).example ?? 1;
    if (param.in === "path") args[param.name] = example;
    if (param.in === "query" && param.required) query[param.name] = example;
  }
  if (Object.keys(query).length) args.query = query;
  if (deref(doc, op.operation.requestBody ?? {}).content?.["application/json"]) args.body = requestExampleOf(doc, op);
  return args;
}

/** The operations of the contract by operationId. */
export function operationsById(doc: OpenApiDocument): Map<string, SpecOperation> {
  return new Map(listOperations(doc).map((op) => [op.operationId, op]));
}

/** A named example of the contract with the schema it is written for. */
export type ContractExample = { label: string; schema: any; value: unknown };

/**
 * Every named example of the operations' request and response bodies, in every media type, labelled
 * `<operationId> <request|status> <media type> <name>`.
 */
export function bodyExamplesOf(doc: OpenApiDocument): ContractExample[] {
  return listOperations(doc).flatMap((op) => {
    const bodies: [string, any][] = [["request", op.operation.requestBody], ...Object.entries<any>(op.operation.responses)];
    return bodies.flatMap(([where, body]) =>
      Object.entries<any>(deref(doc, body)?.content ?? {}).flatMap(([mediaType, media]) =>
        Object.entries<any>(media.examples ?? {}).map(([name, example]) => ({
          label: `${op.operationId} ${where} ${mediaType} ${name}`,
          schema: media.schema,
          value: deref(doc, example).value,
        })),
      ),
    );
  });
}

/** The examples that component schemas carry themselves (`examples: [...]`), labelled `<Schema> example <n>`. */
export function schemaExamplesOf(doc: OpenApiDocument): ContractExample[] {
  return Object.entries<any>(doc.components.schemas ?? {}).flatMap(([name, schema]) =>
    (schema.examples ?? []).map((value: unknown, i: number) => ({ label: `${name} example ${i + 1}`, schema: { $ref: `#/components/schemas/${name}` }, value })),
  );
}
