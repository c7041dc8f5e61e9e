// The contract's named examples and response schemas, looked up by operationId, for tests that call the mock.
import { exampleArgsOf, operationsById, requestExampleOf } from "../../scripts/lib/examples.js";
import { deref, loadSpec } from "../../scripts/lib/spec.js";
import { createSchemaValidator } from "../../scripts/lib/schema-validator.js";

/** The parsed contract. */
export const doc = loadSpec();
const operations = operationsById(doc);
const validatorFor = createSchemaValidator(doc);

/** The value of the operation's first JSON request example. */
export function requestExample(operationId: string): any {
  return requestExampleOf(doc, operations.get(operationId)!);
}

/** The value of the operation's first JSON example for a status, or undefined when there is none. */
export function responseExample(operationId: string, status: string): any {
  const response = deref(doc, operations.get(operationId)!.operation.responses[status]);
  const media = response.content?.["application/json"];
  return media ? deref(doc, Object.values<any>(media.examples)[0]).value : undefined;
}

/** The operation's JSON response schema for a status. */
export function responseSchema(operationId: string, status: string): any {
  return deref(doc, operations.get(operationId)!.operation.responses[status]).content["application/json"].schema;
}

/** Validation errors of a value against the operation's JSON response schema for a status ([] when valid). */
export function responseSchemaErrors(operationId: string, status: string, value: unknown): unknown[] {
  const response = deref(doc, operations.get(operationId)!.operation.responses[status]);
  const validate = validatorFor(response.content["application/json"].schema);
  return validate(value) ? [] : (validate.errors ?? []);
}

/** Every operationId of the contract, in path order. */
export const operationIds = [...operations.keys()];

/** The lowest 2xx status the operation documents. */
export function successStatus(operationId: string): string {
  return Object.keys(operations.get(operationId)!.operation.responses).filter((s) => s.startsWith("2")).sort()[0]!;
}

/** Arguments for a client call built from the contract's examples (see scripts/lib/examples.ts). */
export function exampleArgs(operationId: string): Record<string, unknown> {
  return exampleArgsOf(doc, operations.get(operationId)!);
}
