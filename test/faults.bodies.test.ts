// Bodies shaped to break a recursive walk or an object copy: very deep error bodies, deep or cyclic request bodies,
// and error bodies with a `__proto__` key.
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UserApiHttpError, UserApiRequestError } from "../src/index.js";
import { createUserApiClient } from "./helpers/client-under-test.js";
import { startHttpServer } from "./helpers/http-server.js";
import { rejection } from "./helpers/settle.js";

let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());

const password = "deep-body-Pa55word";
const api = () => createUserApiClient({ baseUrl: server.url, auth: { basic: { username: "jdoe", password } } });

/** An object nested `depth` levels deep under `key`, with `leaf` at the bottom. */
function nested(depth: number, key: string, leaf: unknown): Record<string, unknown> {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value as Record<string, unknown>;
}

/** How many objects deep a value goes. */
function depthOf(value: unknown): number {
  let depth = 0;
  for (let node = value; node && typeof node === "object"; node = Object.values(node)[0]) depth += 1;
  return depth;
}

describe("error bodies", () => {
  it("a 100,000-deep JSON error body is a typed error, cut at 1,000 levels, and still serialises", async () => {
    const depth = 100_000;
    const body = `${'{"Inner":'.repeat(depth)}"${password}"${"}".repeat(depth)}`;
    server.handle((_req, res) => res.writeHead(400, { "Content-Type": "application/json" }).end(body));
    const error = (await rejection(api().validateUser({ body: {} }))) as UserApiHttpError;
    expect(error).toBeInstanceOf(UserApiHttpError);
    expect(depthOf(error.body)).toBe(1_000);
    expect(JSON.stringify(error)).toContain("[NESTED TOO DEEP]");
    expect(inspect(error, { depth: 5 })).not.toContain(password);
  });

  it("a __proto__ key in an error body stays a plain property: no inherited Message, no new prototype", async () => {
    server.handle((_req, res) =>
      res.writeHead(400, { "Content-Type": "application/json" }).end('{"__proto__":{"Message":"injected","isAdmin":true},"ErrorType":"x"}'),
    );
    const error = (await rejection(api().validateUser({ body: {} }))) as UserApiHttpError;
    expect(Object.getPrototypeOf(error.body)).toBe(Object.prototype);
    expect(error.serverMessage).toBeUndefined();
    expect((error.body as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.keys(error.body as object)).toEqual(["__proto__", "ErrorType"]);
    expect(error.message).not.toContain("injected");
  });
});

describe("request bodies that cannot be sent", () => {
  beforeEach(() => server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{}")));

  it("a cyclic body is refused as invalid-request, nothing sent", async () => {
    const body: Record<string, unknown> = { Name: "loop", CredentialValue: password };
    body.Self = { Again: body };
    const error = await rejection(api().validateUser({ body: body as never }));
    expect(error).toBeInstanceOf(UserApiRequestError);
    expect(error.message).toMatch(/the body contains a cycle/);
    expect(server.requests).toHaveLength(0);
  });

  it("a body nested deeper than 1,000 levels is refused as invalid-request, nothing sent", async () => {
    const error = await rejection(api().validateUser({ body: nested(100_000, "Inner", { CredentialValue: password }) as never }));
    expect(error).toBeInstanceOf(UserApiRequestError);
    expect(error.message).toMatch(/nested deeper than 1000 levels/);
    expect(server.requests).toHaveLength(0);
  });

  it("a body 1,000 levels deep, and one with a value shared by two fields, are sent", async () => {
    await expect(api().validateUser({ body: nested(1_000, "Inner", 1) as never })).resolves.toEqual({});
    const shared = { Id: 1 };
    await expect(api().validateUser({ body: { A: shared, B: [shared, shared] } as never })).resolves.toEqual({});
    expect(JSON.parse(server.requests[1]!.body).B).toEqual([{ Id: 1 }, { Id: 1 }]);
  });

  it("a secret deep in the body is redacted when the server echoes it", async () => {
    const secret = "echoed-Cred-0042";
    server.handle((_req, res, received) => res.writeHead(400, { "Content-Type": "text/plain" }).end(`bad: ${received}`));
    const error = await rejection(api().validateUser({ body: nested(900, "Inner", { CredentialValue: secret }) as never }));
    expect(error).toBeInstanceOf(UserApiHttpError);
    expect(JSON.stringify(error)).not.toContain(secret);
  });
});
