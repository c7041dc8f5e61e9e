// Calls built from the contract alone: the named examples of an operation as client arguments. Shared by the
// tests that call the mock, the demo and the docs' code samples.
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
