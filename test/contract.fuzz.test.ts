// Property: bodies generated from the request schemas are accepted by Prism, and bodies with one wrong-typed
// field are rejected by Prism and by our own validator. Seeded; FUZZ_RUNS / FUZZ_SEED run more or others.
import fc from "fast-check";
import { generateSync } from "json-schema-faker";
import { describe, expect, inject, it } from "vitest";
import {
  UserApiHttpError,
} from "../src/index.js";
import { createUserApiClient, operationFunction } from "./helpers/client-under-test.js";
import { deref, listOperations } from "../scripts/lib/spec.js";
import { applyMutation, bodyMutations } from "./helpers/body-mutations.js";
import { fuzzRuns, fuzzSeed } from "./helpers/fuzz.js";
import { doc, exampleArgs } from "./helpers/spec-examples.js";
import { createSchemaValidator } from "../scripts/lib/schema-validator.js";

const client = createUserApiClient({ baseUrl: inject("prismUrl"), auth: { bearer: "fuzz-token-1234" }, retry: { retries: 0 } });
const validatorFor = createSchemaValidator(doc);
/** Every operation with a JSON body: its schema, a call that sends a body with the example path parameters, a validator. */
const targets = listOperations(doc).flatMap(({ operationId, operation }) => {
  const schema = deref(doc, operation.requestBody ?? {}).content?.["application/json"]?.schema;
  if (!schema) return [];
  const call = (body: unknown) => operationFunction(client, operationId)({ ...exampleArgs(operationId), body });
  return [{ operationId, schema, call, validate: validatorFor(schema) }];
});

/** A valid body for a schema: json-schema-faker, driven by a seed and an optional-property rate from fast-check. */
const validBody = (schema: unknown) =>
  fc.record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), optionals: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ seed, optionals }) =>
    generateSync({ ...(schema as object), components: doc.components } as never, { seed, optionalsProbability: optionals, maxDepth: 4 }),
  );

// At most 600 cases per property in all, spread over the operations (5 to 50 each): the contract grows,
// the test time does not. FUZZ_RUNS sets the cases per operation instead.
const runsPerOperation = fuzzRuns(Math.min(50, Math.max(5, Math.floor(600 / targets.length))));

describe.each(targets)("$operationId", ({ schema, call, validate }) => {
  it("accepts every generated valid body (no false 4xx)", async () => {
    await fc.assert(
      fc.asyncProperty(validBody(schema), async (body) => {
        expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
        await call(body);
      }),
      { seed: fuzzSeed, numRuns: runsPerOperation },
    );
  });
});

// A JSON Patch array has no properties to mutate; patchUser's merge-patch alternative is User, mutated via updateUser.
// Bare arrays of ids (GetUserGroupList, GetUserInfoList) have none either; their item type is checked by the
// first property and by the contract tests.
const mutable = targets.filter(({ schema }) => !deref(doc, schema).oneOf && deref(doc, schema).type !== "array");

describe.each(mutable)("$operationId", ({ schema, call, validate }) => {
  it("rejects a body with one wrong-typed field", async () => {
    const mutations = bodyMutations(doc, schema);
    expect(mutations.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(validBody(schema), fc.constantFrom(...mutations), async (body, mutation) => {
        const invalid = applyMutation(body, mutation);
        expect(validate(invalid), `our validator accepts ${mutation.path.join(".")}: ${mutation.why}`).toBe(false);
        const error = await call(invalid).then(
          () => expect.fail(`Prism accepted ${mutation.path.join(".")} = ${JSON.stringify(mutation.value)} (${mutation.why})`),
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(UserApiHttpError);
        expect([400, 422]).toContain((error as UserApiHttpError).status);
      }),
      { seed: fuzzSeed, numRuns: runsPerOperation },
    );
  });
});
