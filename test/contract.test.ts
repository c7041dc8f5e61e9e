// The contract itself: the five seed operations, their statuses, fields, headers and examples, and the lint gate.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { deref, listOperations, loadSpec, localBin, operationParameters, repoRoot, specPath } from "../scripts/lib/spec.js";
import { createSchemaValidator } from "./helpers/schema-validator.js";
import seedFields from "./fixtures/seed-fields.json" with { type: "json" };

const run = promisify(execFile);
const doc = loadSpec();
const operations = listOperations(doc);
const byId = new Map(operations.map((op) => [op.operationId, op]));
const validatorFor = createSchemaValidator(doc);

/** Every property name a schema allows, following allOf. */
function propertyNames(schema: any): string[] {
  const resolved = deref(doc, schema);
  return [
    ...Object.keys(resolved.properties ?? {}),
    ...(resolved.allOf ?? []).flatMap((part: unknown) => propertyNames(part)),
  ];
}

describe("the five seed operations", () => {
  const expected = [
    ["createOrUpdateUserCandidate", "post", "/Agents/Person/CreateOrUpdateUserCandidate", ["200"]],
    ["createDefaultUserFromUserTypeAndCredential", "post", "/Agents/User/CreateDefaultUserFromUserTypeAndCredential", ["200"]],
    ["updateUser", "put", "/User/{id}", ["200", "400"]],
    ["saveUntrustedCredentialsForAssociate", "post", "/Agents/User/SaveUntrustedCredentialsForAssociate", ["204"]],
    ["validateUser", "post", "/User/Validate", ["200"]],
  ] as const;

  it.each(expected)("%s is %s %s with its seed statuses and the shared errors", (operationId, method, path, statuses) => {
    const op = byId.get(operationId);
    expect(op, `operation ${operationId}`).toBeDefined();
    expect([op!.method, op!.path]).toEqual([method, path]);
    const codes = Object.keys(op!.operation.responses);
    for (const status of [...statuses, "400", "401", "403", "500"]) expect(codes).toContain(status);
  });

  it("the 204 answer of saveUntrustedCredentialsForAssociate has no body", () => {
    const response = byId.get("saveUntrustedCredentialsForAssociate")!.operation.responses["204"];
    expect(response.content).toBeUndefined();
    expect(response.description).toMatch(/empty/i);
  });

  it("updateUser's 400 is the seed's 'Entity to save is not in request body'", () => {
    const response = deref(doc, byId.get("updateUser")!.operation.responses["400"]);
    expect(response.description).toContain("Entity to save is not in request body");
    const example = deref(doc, Object.values<any>(response.content["application/json"].examples)[0]);
    expect(example.value.Message).toBe("Entity to save is not in request body.");
  });

  it("operations carry the seed notes as vendor extensions", () => {
    expect(byId.get("createOrUpdateUserCandidate")!.operation["x-superoffice-slow-threshold-ms"]).toBe(2000);
    for (const id of ["createDefaultUserFromUserTypeAndCredential", "saveUntrustedCredentialsForAssociate", "updateUser", "validateUser"]) {
      expect(byId.get(id)!.operation["x-superoffice-online-restricted"], id).toBe(true);
    }
  });
});

describe("every field, header and parameter of the seed pages", () => {
  const seeds = Object.entries(seedFields) as [string, (typeof seedFields)["updateUser"]][];

  it.each(seeds)("%s has the seed's request fields, response fields, headers and query parameters", (operationId, seed) => {
    const op = byId.get(operationId)!;
    const requestSchema = op.operation.requestBody.content["application/json"].schema;
    expect(requestSchema.$ref).toBe(`#/components/schemas/${seed.requestSchema}`);
    expect(propertyNames(requestSchema)).toEqual(expect.arrayContaining(seed.requestFields));
    if (seed.responseSchema) {
      const responseSchema = deref(doc, op.operation.responses["200"]).content["application/json"].schema;
      expect(responseSchema.$ref).toBe(`#/components/schemas/${seed.responseSchema}`);
      expect(propertyNames(responseSchema)).toEqual(expect.arrayContaining(seed.responseFields));
    }
    const params = operationParameters(doc, op);
    const headerNames = params.filter((p) => p.in === "header").map((p) => p.name);
    // Authorization, Content-Type and Accept are expressed by security schemes and media types, not parameters.
    const headerParams = seed.headers.filter((h) => !["Authorization", "Content-Type", "Accept"].includes(h));
    expect(headerNames.sort()).toEqual([...headerParams].sort());
    expect(params.filter((p) => p.in === "query").map((p) => p.name)).toEqual(seed.query);
  });

  it("User.Type is the five names of the seed pages", () => {
    expect(deref(doc, doc.components.schemas!.User.properties.Type).enum).toEqual([
      "InternalAssociate",
      "ResourceAssociate",
      "ExternalAssociate",
      "AnonymousAssociate",
      "SystemAssociate",
    ]);
  });

  it("ExtraFields is deprecated and the maps are typed with additionalProperties", () => {
    const user = doc.components.schemas!.User.properties;
    expect(user.ExtraFields.deprecated).toBe(true);
    expect(user.CustomFields.additionalProperties).toEqual({ type: "string" });
    expect(deref(doc, user.FieldProperties).additionalProperties.$ref).toBe("#/components/schemas/FieldProperty");
  });

  it("the secrets are marked, and UntrustedCredentials has the documented lengths", () => {
    const s = doc.components.schemas!;
    expect(s.UserCandidate.properties.SecretValue["x-superoffice-secret"]).toBe(true);
    expect(s.CreateDefaultUserFromUserTypeAndCredentialRequest.properties.CredentialValue["x-superoffice-secret"]).toBe(true);
    const u = s.UntrustedCredentials.properties;
    expect([u.Comment.maxLength, u.SecretValue.maxLength, u.PublicValue.maxLength]).toEqual([255, 70, 238]);
  });

  it("the security schemes and top-level security cover Basic, Bearer, SoTicket, XSRF and SO-AppToken", () => {
    expect(Object.keys(doc.components.securitySchemes!).sort()).toEqual(
      ["BasicAuth", "BearerAuth", "SoAppToken", "SoTicket", "XsrfToken"].sort(),
    );
    const used = new Set((doc.security as Record<string, unknown>[]).flatMap((req) => Object.keys(req)));
    expect([...used].sort()).toEqual(Object.keys(doc.components.securitySchemes!).sort());
  });
});

describe("examples", () => {
  const mediaExamples = operations.flatMap((op) => {
    const bodies = [
      ["request", op.operation.requestBody],
      ...Object.entries<any>(op.operation.responses).map(([status, response]) => [status, response]),
    ] as [string, any][];
    return bodies.flatMap(([where, body]) =>
      Object.entries<any>(deref(doc, body)?.content ?? {}).flatMap(([mediaType, media]) =>
        Object.entries<any>(media.examples ?? {}).map(
          ([name, example]) => [`${op.operationId} ${where} ${mediaType} ${name}`, media.schema, deref(doc, example).value] as const,
        ),
      ),
    );
  });

  it("every operation has the seed request example and, except the 204 one, a 200 example", () => {
    for (const op of operations) {
      const named = mediaExamples.filter(([label]) => label.startsWith(`${op.operationId} `)).map(([label]) => label);
      expect(named, op.operationId).toContain(`${op.operationId} request application/json seedSample`);
      if (op.operationId !== "saveUntrustedCredentialsForAssociate") {
        expect(named, op.operationId).toContain(`${op.operationId} 200 application/json seedSample`);
      }
    }
  });

  it.each(mediaExamples)("%s validates against its schema (JSON Schema 2020-12)", (_label, schema, value) => {
    const validate = validatorFor(schema);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the validator is not a rubber stamp: a wrong type and a bad enum name fail", () => {
    const user = { $ref: "#/components/schemas/User" };
    expect(validatorFor(user)({ AssociateId: "500" })).toBe(false);
    expect(validatorFor(user)({ Type: "Unknown" })).toBe(false);
    expect(validatorFor(user)({ Lastlogin: "yesterday" })).toBe(false);
  });
});

describe("the lint gate", () => {
  it("a deliberately broken copy of the spec fails redocly lint with our rules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lint-gate-"));
    cpSync(join(repoRoot, "redocly.yaml"), join(dir, "redocly.yaml"));
    const broken = readFileSync(specPath, "utf8")
      .replace("PersonId: 810", 'PersonId: "810"')
      .replace("operationId: updateUser", "operationId: Update_User");
    writeFileSync(join(dir, "openapi.yaml"), broken);
    const redocly = localBin("redocly");
    const failure = await run(redocly, ["lint", "openapi.yaml"], { cwd: dir }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure, "lint passed a broken spec").toBeDefined();
    const output = failure!.stdout + failure!.stderr;
    expect(output).toContain("no-invalid-media-type-examples");
    expect(output).toContain("operation-id-camel-case");
  });

  it("the real spec lints with 0 errors and 0 warnings", async () => {
    const { stdout } = await run(localBin("redocly"), ["lint", "openapi.yaml", "--format=json"], {
      cwd: repoRoot,
    });
    const report = JSON.parse(stdout.slice(stdout.indexOf("{")));
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(report.problems).toEqual([]);
  });
});
