// The contract itself: the five seed operations, their statuses, fields, headers and examples, and the lint gate.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { deref, listOperations, loadSpec, localBin, operationParameters, repoRoot } from "../scripts/lib/spec.js";
import { bodyExamplesOf } from "../scripts/lib/examples.js";
import { createSchemaValidator } from "../scripts/lib/schema-validator.js";
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
    ["personAgentCreateOrUpdateUserCandidate", "post", "/Agents/Person/CreateOrUpdateUserCandidate", ["200"]],
    ["userAgentCreateDefaultUserFromUserTypeAndCredential", "post", "/Agents/User/CreateDefaultUserFromUserTypeAndCredential", ["200"]],
    ["updateUser", "put", "/User/{id}", ["200", "400"]],
    ["userAgentSaveUntrustedCredentialsForAssociate", "post", "/Agents/User/SaveUntrustedCredentialsForAssociate", ["204"]],
    ["validateUser", "post", "/User/Validate", ["200"]],
  ] as const;

  it.each(expected)("%s is %s %s with its seed statuses and the shared errors", (operationId, method, path, statuses) => {
    const op = byId.get(operationId);
    expect(op, `operation ${operationId}`).toBeDefined();
    expect([op!.method, op!.path]).toEqual([method, path]);
    const codes = Object.keys(op!.operation.responses);
    for (const status of [...statuses, "400", "401", "403", "500"]) expect(codes).toContain(status);
  });

  it("the 204 answer of userAgentSaveUntrustedCredentialsForAssociate has no body", () => {
    const response = byId.get("userAgentSaveUntrustedCredentialsForAssociate")!.operation.responses["204"];
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
    expect(byId.get("personAgentCreateOrUpdateUserCandidate")!.operation["x-superoffice-slow-threshold-ms"]).toBe(2000);
    for (const id of ["userAgentCreateDefaultUserFromUserTypeAndCredential", "userAgentSaveUntrustedCredentialsForAssociate", "updateUser", "validateUser"]) {
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

  it("User.Type is the five names of the seed pages, plus the Unknown that real servers send", () => {
    expect(deref(doc, doc.components.schemas!.User.properties.Type).enum).toEqual([
      "Unknown",
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

describe("the rest of the REST User resource", () => {
  const expected = [
    ["listUsers", "get", "/User", ["200"]],
    ["createUser", "post", "/User", ["200", "400"]],
    ["getUser", "get", "/User/{id}", ["200", "404"]],
    ["patchUser", "patch", "/User/{id}", ["200", "404", "409", "412"]],
    ["deleteUser", "delete", "/User/{id}", ["204", "404"]],
    ["getDefaultUser", "get", "/User/Default", ["200"]],
    ["getCredentialTypes", "get", "/User/CredentialTypes", ["200"]],
    ["getCurrentUser", "get", "/User/current", ["200"]],
    ["getCurrentPrincipal", "get", "/User/currentPrincipal", ["200"]],
    ["getCurrentAssociate", "get", "/User/currentAssociate", ["200"]],
    ["getCurrentToken", "get", "/User/currentToken", ["200"]],
    ["getUserPresenceStatus", "get", "/User/{associateId}/UserPresenceStatus", ["200"]],
    ["setUserPresenceStatus", "put", "/User/{associateId}/UserPresenceStatus", ["200"]],
  ] as const;

  it.each(expected)("%s is %s %s with its statuses and 401, 403, 500", (operationId, method, path, statuses) => {
    const op = byId.get(operationId);
    expect(op, operationId).toBeDefined();
    expect([op!.method, op!.path]).toEqual([method, path]);
    for (const status of [...statuses, "401", "403", "500"]) expect(Object.keys(op!.operation.responses)).toContain(status);
  });

  it("every error response of every operation is a WebApiError", () => {
    for (const op of operations) {
      for (const [status, response] of Object.entries<any>(op.operation.responses)) {
        if (Number(status) < 400) continue;
        expect(deref(doc, response).content["application/json"].schema.$ref, `${op.operationId} ${status}`).toBe("#/components/schemas/WebApiError");
      }
    }
  });

  it("PATCH takes JSON Patch (add, replace, remove, test) and merge patch, and If-Unmodified-Since", () => {
    const patch = byId.get("patchUser")!;
    const content = patch.operation.requestBody.content;
    expect(Object.keys(content).sort()).toEqual(["application/json", "application/json-patch+json", "application/merge-patch+json"]);
    const operation = deref(doc, doc.components.schemas!.JsonPatchOperation);
    expect(operation.properties.op.enum).toEqual(["add", "replace", "remove", "test"]);
    expect(operationParameters(doc, patch).map((p) => p.name)).toContain("If-Unmodified-Since");
  });

  it("getUser takes fk and $select; listUsers takes the OData options with their enums", () => {
    expect(operationParameters(doc, byId.get("getUser")!).filter((p) => p.in === "query").map((p) => p.name)).toEqual(["$select", "fk"]);
    const list = operationParameters(doc, byId.get("listUsers")!).filter((p) => p.in === "query");
    expect(list.map((p) => p.name)).toEqual(["$select", "$filter", "$orderBy", "$entities", "$top", "$skip", "$mode", "$options", "$context", "$format", "$jsonSafe", "$output"]);
    expect(list.find((p) => p.name === "$mode")!.schema.enum).toEqual(["Slim", "Wide", "Full"]);
    expect(list.find((p) => p.name === "$output")!.schema.enum).toEqual(["Logical", "Display"]);
  });

  it("says which calls work in Online, and why the by-user-name routes are not paths", () => {
    expect(byId.get("getCurrentPrincipal")!.operation["x-superoffice-online-restricted"]).toBeUndefined();
    expect(byId.get("getCurrentPrincipal")!.operation.description).toContain("works in SuperOffice Online");
    expect(byId.get("getCurrentUser")!.operation.description).toContain("Blocked in SuperOffice Online");
    const id = operationParameters(doc, byId.get("getUser")!).find((p) => p.name === "id")!;
    expect(id.description).toContain("/User/{userName}");
    expect(Object.keys(doc.paths).some((path) => path.includes("{userName}"))).toBe(false);
  });

  it("the nested carriers are complete: every property of SuperOffice's Swagger for them", () => {
    const s = doc.components.schemas!;
    const names = (name: string) => Object.keys(deref(doc, s[name]).properties);
    expect(names("UserPresenceStatus")).toEqual(["Status", "Message"]);
    expect(deref(doc, s.UserStatus).enum).toHaveLength(7);
    expect(names("SoPrincipalCarrier")).toEqual([
      ...["UserType", "Associate", "AssociateId", "IsPerson", "PersonId", "CountryId", "HomeCountryId", "ContactId"],
      ...["GroupId", "BusinessId", "CategoryId", "ContactOwner", "RoleId", "RoleName", "RoleDescription", "RoleType"],
      ...["Licenses", "FullName", "EMailAddress", "FunctionRights", "EjUserId", "EjAccessLevel", "EjUserStatus"],
      ...["ProvidedCredentials", "SecondaryGroups", "DatabaseContextIdentifier", "UserName"],
    ]);
    expect(names("GrantedModuleLicense")).toHaveLength(17);
    expect(names("Associate")).toHaveLength(16);
    expect(names("CredentialType")).toEqual(expect.arrayContaining(["ValueControl", "CanCreatePerson", "IsUserNameSupported"]));
    expect(deref(doc, s.CustomCommand.properties.Actions).enum).toEqual(["Implicit", "YesNo", "OkCancel", "Ok"]);
  });
});

describe("what an outsider's tools ask of the contract", () => {
  const description = (doc.info as { description: string }).description;
  /** The status codes an operation declares. */
  const statuses = (op: (typeof operations)[number]) => Object.keys(op.operation.responses);

  it("every operation declares 429 and 503, the shared responses, with a Retry-After in seconds or an HTTP date", () => {
    for (const op of operations) {
      expect(op.operation.responses["429"], op.operationId).toEqual({ $ref: "#/components/responses/TooManyRequests" });
      expect(op.operation.responses["503"], op.operationId).toEqual({ $ref: "#/components/responses/ServiceUnavailable" });
    }
    const header = deref(doc, deref(doc, doc.components.responses!.TooManyRequests).headers["Retry-After"]);
    expect(deref(doc, doc.components.responses!.ServiceUnavailable).headers["Retry-After"]).toEqual({ $ref: "#/components/headers/RetryAfter" });
    const retryAfter = new RegExp(header.schema.pattern);
    for (const value of ["120", "0", "Wed, 21 Oct 2026 07:28:00 GMT"]) expect(value).toMatch(retryAfter);
    for (const value of ["-1", "1.5", "soon", "2026-10-21T07:28:00Z"]) expect(value).not.toMatch(retryAfter);
  });

  it("400 on every operation with a body or a query or path parameter, but DELETE /User/{id}, as the description lists", () => {
    const refusable = (op: (typeof operations)[number]) =>
      Boolean(op.operation.requestBody) || operationParameters(doc, op).some((p) => p.in === "query" || p.in === "path");
    const without400 = operations.filter((op) => !statuses(op).includes("400")).map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(without400.sort()).toEqual(
      ["DELETE /User/{id}", "GET /User/CredentialTypes", "GET /User/current", "GET /User/currentAssociate", "GET /User/currentPrincipal", "GET /User/currentToken"],
    );
    for (const op of operations.filter((o) => !statuses(o).includes("400"))) {
      expect(refusable(op) && op.operationId !== "deleteUser", op.operationId).toBe(false);
      expect(description, "the Error statuses section names it").toContain(`${op.path}\``);
    }
  });

  it("no request body is a form (application/x-www-form-urlencoded), and the contract says why", () => {
    for (const op of operations) {
      const types = Object.keys(deref(doc, op.operation.requestBody ?? {}).content ?? {});
      expect(types, op.operationId).not.toContain("application/x-www-form-urlencoded");
    }
    expect(description).toContain("**No form bodies.**");
  });

  it("answers may say user type Unknown; request fields and parameters that name a user type refuse it", () => {
    const s = doc.components.schemas!;
    expect(s.KnownUserType.enum).toEqual(s.UserType.enum.filter((name: string) => name !== "Unknown"));
    const referrers = (target: string) =>
      Object.keys(s).filter((name) => JSON.stringify(s[name]).includes(`"#/components/schemas/${target}"`)).sort();
    // UserType only in answers and in User, which is both an answer and a body (UserType says why).
    expect(referrers("UserType")).toEqual(["Associate", "SoPrincipalCarrier", "User", "UserInfo"]);
    expect(referrers("KnownUserType").every((name) => name.endsWith("Request"))).toBe(true);
    expect(deref(doc, doc.components.parameters!.UserTypeQuery).schema).toEqual({ $ref: "#/components/schemas/KnownUserType" });
    for (const name of referrers("KnownUserType")) {
      const field = Object.keys(s[name].properties).find((key) => s[name].properties[key].$ref === "#/components/schemas/KnownUserType")!;
      expect(validatorFor({ $ref: `#/components/schemas/${name}` })({ [field]: "Unknown" }), name).toBe(false);
      expect(validatorFor({ $ref: `#/components/schemas/${name}` })({ [field]: "SystemAssociate" }), name).toBe(true);
    }
    expect(validatorFor({ $ref: "#/components/schemas/SoPrincipalCarrier" })({ UserType: "Unknown" })).toBe(true);
    expect(validatorFor({ $ref: "#/components/schemas/User" })({ Type: "Unknown" })).toBe(true);
  });
});

describe("examples", () => {
  const mediaExamples = bodyExamplesOf(doc).map(({ label, schema, value }) => [label, schema, value] as const);

  it("the seed operations have their seed request example and, except the 204 one, a 200 example", () => {
    for (const operationId of Object.keys(seedFields)) {
      const named = mediaExamples.filter(([label]) => label.startsWith(`${operationId} `)).map(([label]) => label);
      expect(named, operationId).toContain(`${operationId} request application/json seedSample`);
      if (operationId !== "userAgentSaveUntrustedCredentialsForAssociate") {
        expect(named, operationId).toContain(`${operationId} 200 application/json seedSample`);
      }
    }
  });

  it("every operation has a JSON request example when it takes a body, and a JSON example of every 2xx body", () => {
    for (const op of operations) {
      const labels = mediaExamples.map(([label]) => label).filter((label) => label.startsWith(`${op.operationId} `));
      if (deref(doc, op.operation.requestBody ?? {}).content) expect(labels.some((l) => l.includes(" request application/json ")), op.operationId).toBe(true);
      for (const [status, response] of Object.entries<any>(op.operation.responses)) {
        if (status.startsWith("2") && deref(doc, response).content) {
          expect(labels.some((l) => l.startsWith(`${op.operationId} ${status} application/json `)), `${op.operationId} ${status}`).toBe(true);
        }
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
    expect(validatorFor(user)({ Type: "Administrator" })).toBe(false);
    expect(validatorFor(user)({ Lastlogin: "yesterday" })).toBe(false);
  });
});

describe("the lint gate", () => {
  it("a deliberately broken copy of the spec fails redocly lint with our rules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lint-gate-"));
    for (const part of ["redocly.yaml", "openapi.yaml", "contract"]) cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
    const breakFile = (file: string, from: string, to: string) => {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text, file).toContain(from);
      writeFileSync(join(dir, file), text.replace(from, to));
    };
    breakFile("contract/components/examples/Agents/Person/CreateOrUpdateUserCandidateRequestExample.yaml", "PersonId: 810", 'PersonId: "810"');
    breakFile("contract/paths/User/{id}.yaml", "operationId: updateUser", "operationId: Update_User");
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
