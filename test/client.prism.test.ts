// The generated client against a real Prism mock of openapi.yaml: every operation, invalid requests, dynamic data.
import { describe, expect, inject, it } from "vitest";
import {
  createUserApiClient,
  UserApiHttpError,
  UserApiRequestError,
  type UserApiClient,
  type UserApiClientOptions,
} from "../src/index.js";
import { requestExample, responseExample, responseSchemaErrors } from "./helpers/spec-examples.js";

const baseUrl = inject("prismUrl");

function client(options: Partial<UserApiClientOptions> = {}): UserApiClient {
  return createUserApiClient({ baseUrl, auth: { basic: { username: "ADM0", password: "secret-pw" } }, ...options });
}

/** Calls one operation with its seed request example. */
function callWithExample(api: UserApiClient, operationId: string, options?: { headers?: Record<string, string> }) {
  const body = requestExample(operationId);
  switch (operationId) {
    case "createOrUpdateUserCandidate":
      return api.createOrUpdateUserCandidate({ body }, options);
    case "createDefaultUserFromUserTypeAndCredential":
      return api.createDefaultUserFromUserTypeAndCredential({ body }, options);
    case "updateUser":
      return api.updateUser({ id: 500, body }, options);
    case "saveUntrustedCredentialsForAssociate":
      return api.saveUntrustedCredentialsForAssociate({ body }, options);
    case "validateUser":
      return api.validateUser({ body }, options);
    default:
      throw new Error(`no call for ${operationId}`);
  }
}

const withData = ["createOrUpdateUserCandidate", "createDefaultUserFromUserTypeAndCredential", "updateUser", "validateUser"];

describe("every operation through the generated client", () => {
  it.each(withData)("%s returns the documented 200 body, valid against its schema", async (operationId) => {
    const data = await callWithExample(client(), operationId);
    expect(responseSchemaErrors(operationId, "200", data)).toEqual([]);
    expect(data).toEqual(responseExample(operationId, "200"));
  });

  it("saveUntrustedCredentialsForAssociate resolves to undefined on 204", async () => {
    await expect(callWithExample(client(), "saveUntrustedCredentialsForAssociate")).resolves.toBeUndefined();
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
    const error = await rejection(client().createOrUpdateUserCandidate({ body: { PersonId: "810" as never } }));
    expect(error).toMatchObject({ kind: "http", status: 400, operationId: "createOrUpdateUserCandidate" });
    expect(error.body).toMatchObject({ Error: true, ErrorType: expect.any(String) });
  });

  it("a user type that is not one of the five names gives a typed 400", async () => {
    const error = await rejection(client().validateUser({ body: { Type: "Unknown" as never } }));
    expect(error.status).toBe(400);
  });

  it("a body that is not an object gives a typed 400", async () => {
    const error = await rejection(client().saveUntrustedCredentialsForAssociate({ body: "text" as never }));
    expect(error.status).toBe(400);
  });

  it("no credentials gives a typed 401 with the server's message", async () => {
    const error = await rejection(createUserApiClient({ baseUrl }).validateUser({ body: {} }));
    expect(error.status).toBe(401);
    expect(error.serverMessage).toBe("Authorization has been denied for this request.");
    expect(error.message).toContain("validateUser failed with 401");
  });

  it("a missing body is refused before sending, with the seed's reason", async () => {
    const error = await client()
      .updateUser({ id: 5 } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserApiRequestError);
    expect(String(error)).toContain("Entity to save is not in request body");
  });
});

describe("Prism's dynamic mode: the client accepts every shape the schema allows", () => {
  it.each(withData)("%s: 15 generated responses all parse and validate", async (operationId) => {
    const api = client();
    const seen = new Set<string>();
    for (let i = 0; i < 15; i++) {
      const data = await callWithExample(api, operationId, { headers: { Prefer: "dynamic=true" } });
      expect(responseSchemaErrors(operationId, "200", data)).toEqual([]);
      seen.add(JSON.stringify(data));
    }
    // Generated, not the static example: the answers differ from it and from each other.
    expect(seen.has(JSON.stringify(responseExample(operationId, "200")))).toBe(false);
    expect(seen.size).toBeGreaterThan(1);
  });
});
