// The generated client against a real Prism mock of openapi.yaml: every operation, invalid requests, dynamic data.
import { describe, expect, inject, it } from "vitest";
import {
  UserApiHttpError,
  UserApiRequestError,
  type UserApiClient,
  type UserApiClientOptions,
} from "../src/index.js";
import { createUserApiClient, operationFunction } from "./helpers/client-under-test.js";
import { deref } from "../scripts/lib/spec.js";
import { doc, exampleArgs, operationIds, responseExample, responseSchema, responseSchemaErrors, successStatus } from "./helpers/spec-examples.js";

const baseUrl = inject("prismUrl");

function client(options: Partial<UserApiClientOptions> = {}): UserApiClient {
  return createUserApiClient({ baseUrl, auth: { basic: { username: "ADM0", password: "secret-pw" } }, ...options });
}

/** Calls one operation with the contract's own examples (path parameters and JSON body). */
function callWithExample(api: UserApiClient, operationId: string, options?: { headers?: Record<string, string> }) {
  return operationFunction(api, operationId)(exampleArgs(operationId), options);
}

const withData = operationIds.filter((id) => successStatus(id) !== "204");
const noContent = operationIds.filter((id) => successStatus(id) === "204");

describe("every operation through the generated client", () => {
  it("the client has one function per operation of the contract, where the naming rule puts it, and no others", () => {
    const api = client() as unknown as Record<string, unknown>;
    for (const id of operationIds) expect(typeof operationFunction(api, id), id).toBe("function");
    const functions = (holder: object) => Object.values(holder).filter((value) => typeof value === "function").length;
    const namespaces = Object.values(api).filter((value): value is object => typeof value === "object" && value !== null);
    const helpers = ["use", "eject", "listAllUsers"];
    expect(functions(api) - helpers.length + namespaces.reduce((n, ns) => n + functions(ns), 0)).toBe(operationIds.length);
    expect(Object.keys(api).filter((key) => typeof api[key] === "object").sort()).toEqual(["personAgent", "userAgent"]);
    expect(operationIds.length).toBeGreaterThanOrEqual(18);
  });

  it.each(withData)("%s returns the documented body, valid against its schema", async (operationId) => {
    const data = await callWithExample(client(), operationId);
    const status = successStatus(operationId);
    expect(responseSchemaErrors(operationId, status, data)).toEqual([]);
    expect(data).toEqual(responseExample(operationId, status));
  });

  it.each(noContent)("%s resolves to undefined on 204", async (operationId) => {
    await expect(callWithExample(client(), operationId)).resolves.toBeUndefined();
  });

  it("patchUser sends an array as application/json-patch+json and an object as merge-patch", async () => {
    const seen: Request[] = [];
    const api = client();
    api.use({ onRequest: ({ request }) => void seen.push(request.clone()) });
    await api.patchUser({ id: 500, body: [{ op: "replace", path: "/Tooltip", value: "x" }] });
    await api.patchUser({ id: 500, body: { Tooltip: "x" } });
    expect(seen.map((r) => [r.method, r.headers.get("Content-Type")])).toEqual([
      ["PATCH", "application/json-patch+json"],
      ["PATCH", "application/merge-patch+json"],
    ]);
  });

  it("listUsers sends the OData options and select as archive columns", async () => {
    const seen: Request[] = [];
    const api = client();
    api.use({ onRequest: ({ request }) => void seen.push(request.clone()) });
    const page = await api.listUsers({ select: ["name", "fullName"], query: { $filter: "name begins 'S'", $top: 2, $mode: "Slim" } });
    expect(page?.value?.length).toBeGreaterThan(0);
    expect(new URL(seen[0]!.url).search).toBe("?$filter=name%20begins%20%27S%27&$top=2&$mode=Slim&$select=name,fullName");
  });

  it("a move operation in a JSON Patch is refused by Prism as the contract says", async () => {
    const error = await client()
      .patchUser({ id: 500, body: [{ op: "move" as never, path: "/Rank" }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserApiHttpError);
    expect((error as UserApiHttpError).status).toBe(400);
  });

  it("sends select as one comma-separated $select, auth and the language headers", async () => {
    const seen: Request[] = [];
    const api = client({ language: "sv", culture: "nb", timeZone: "UTC", appToken: "app-token-1" });
    api.use({ onRequest: ({ request }) => void seen.push(request.clone()) });
    await api.updateUser({ id: 7, body: { Name: "x" }, select: ["Name", "UserName", "Type"] });
    const request = seen[0]!;
    expect(new URL(request.url).pathname).toBe("/User/7");
    expect(new URL(request.url).search).toBe("?$select=Name,UserName,Type");
    expect(request.headers.get("Authorization")).toBe(`Basic ${btoa("ADM0:secret-pw")}`);
    expect(request.headers.get("SO-Language")).toBe("sv");
    expect(request.headers.get("SO-Culture")).toBe("nb");
    expect(request.headers.get("SO-TimeZone")).toBe("UTC");
    expect(request.headers.get("SO-AppToken")).toBe("app-token-1");
    expect(request.headers.get("Content-Type")).toBe("application/json");
    expect(await request.json()).toEqual({ Name: "x" });
  });

  it.each([
    ["bearer", { bearer: "8A:Cust12345.token" }],
    ["soTicket", { soTicket: "7T:ticket==" }],
  ] as const)("authenticates with %s", async (_name, auth) => {
    const data = await client({ auth }).validateUser({ body: {} });
    expect(data).toEqual(responseExample("validateUser", "200"));
  });
});

describe("invalid requests are refused by Prism and surface as typed errors", () => {
  async function rejection(promise: Promise<unknown>): Promise<UserApiHttpError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserApiHttpError);
    return error as UserApiHttpError;
  }

  it("a string where the contract says int32 gives a typed 400", async () => {
    const error = await rejection(client().personAgent.createOrUpdateUserCandidate({ body: { PersonId: "810" as never } }));
    expect(error).toMatchObject({ kind: "http", status: 400, operationId: "personAgentCreateOrUpdateUserCandidate" });
    expect(error.body).toMatchObject({ Error: true, ErrorType: expect.any(String) });
  });

  it("a user type that is not one of the documented names gives a typed 400", async () => {
    const error = await rejection(client().validateUser({ body: { Type: "Administrator" as never } }));
    expect(error.status).toBe(400);
  });

  it("user type Unknown, which servers send but refuse, gives a typed 400 in a body and in a query", async () => {
    const inBody = await rejection(client().userAgent.createDefaultUserFromUserType({ body: { UserType: "Unknown" as never } }));
    expect(inBody).toMatchObject({ status: 400, operationId: "userAgentCreateDefaultUserFromUserType" });
    const inQuery = await rejection(client().getDefaultUser({ query: { userType: "Unknown" as never } }));
    expect(inQuery).toMatchObject({ status: 400, operationId: "getDefaultUser" });
    await expect(client().userAgent.createDefaultUserFromUserType({ body: { UserType: "SystemAssociate" } })).resolves.toBeDefined();
  });

  it("the contract's 429 carries the Retry-After the client reads: 120 s is past maxDelayMs, so no retry", async () => {
    const error = await rejection(client().getCurrentPrincipal({}, { headers: { Prefer: "code=429" } }));
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000, attempts: 1 });
    expect(error.body).toMatchObject({ Error: true, Message: expect.any(String) });
  });

  it("a body that is not an object gives a typed 400", async () => {
    const error = await rejection(client().userAgent.saveUntrustedCredentialsForAssociate({ body: "text" as never }));
    expect(error.status).toBe(400);
  });

  it("no credentials gives a typed 401 with the server's message", async () => {
    const error = await rejection(createUserApiClient({ baseUrl }).validateUser({ body: {} }));
    expect(error.status).toBe(401);
    expect(error.serverMessage).toBe("Authorization has been denied for this request.");
    expect(error.message).toContain("validateUser failed with 401");
  });

  it("a missing required query parameter is refused before sending, naming it", async () => {
    const error = await client()
      .userAgent.getUser({} as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserApiRequestError);
    expect(String(error)).toContain("query parameter 'userId' is missing");
  });

  it("a missing body is refused before sending, with the seed's reason", async () => {
    const error = await client()
      .updateUser({ id: 5 } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserApiRequestError);
    expect(String(error)).toContain("Entity to save is not in request body");
  });
});

/**
 * True when random answers may repeat the example by chance: a boolean, an enum, or a list of them; or a bare
 * string, which Prism draws from the same lorem-ipsum words as SuperOffice's samples ("culpa").
 */
function fewValues(operationId: string): boolean {
  const small = (schema: any): boolean => schema.type === "boolean" || Array.isArray(schema.enum) || schema.type === "string";
  const schema = deref(doc, responseSchema(operationId, successStatus(operationId)));
  return small(schema) || (schema.type === "array" && small(deref(doc, schema.items)));
}

// About 600 generated answers in all, at least 4 per operation, so the run time stays flat as operations are added.
const dynamicRuns = Math.max(4, Math.floor(600 / withData.length));

describe("Prism's dynamic mode: the client accepts every shape the schema allows", () => {
  it.each(withData)(`%s: ${dynamicRuns} generated responses all parse and validate`, async (operationId) => {
    const api = client();
    const seen = new Set<string>();
    for (let i = 0; i < dynamicRuns; i++) {
      const data = await callWithExample(api, operationId, { headers: { Prefer: "dynamic=true" } });
      expect(responseSchemaErrors(operationId, successStatus(operationId), data)).toEqual([]);
      seen.add(JSON.stringify(data));
    }
    // Generated, not the static example: the answers differ from it and from each other. An answer with two or
    // a few possible values (a boolean, a small enum) meets its example by chance, so only the schema check holds.
    if (fewValues(operationId)) return;
    expect(seen.has(JSON.stringify(responseExample(operationId, successStatus(operationId))))).toBe(false);
    expect(seen.size).toBeGreaterThan(1);
  });
});
