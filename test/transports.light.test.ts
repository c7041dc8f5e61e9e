// What each path hands the network: the default fetch path calls the global fetch with a URL and init (no Request
// of the client's), a fetch of the caller's and middleware see real Requests, and all three send the same bytes.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createUserApiClient, type UserApiClientOptions } from "../src/index.js";
import { startHttpServer } from "./helpers/http-server.js";

let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  server = await startHttpServer();
  server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"AssociateId":500}'));
});
afterAll(() => server.close());

const body = { Name: "RB", Credentials: [{ Type: { Type: "Password" }, Value: "s3cret-Pw-0042" }] };
const client = (options: Partial<UserApiClientOptions> = {}) =>
  createUserApiClient({ baseUrl: server.url, auth: { bearer: "token-abc-123" }, ...options });
const lastRequest = () => server.requests.at(-1)!;

it("the default path calls the global fetch with the URL and an init, and the body arrives as serialised once", async () => {
  const spy = vi.spyOn(globalThis, "fetch");
  try {
    await expect(client().updateUser({ id: 500, body })).resolves.toEqual({ AssociateId: 500 });
    const [input, init] = spy.mock.calls.at(-1)!;
    expect(input).toBe(`${server.url}/User/500`);
    expect(init).toMatchObject({ method: "PUT", redirect: "manual", body: JSON.stringify(body) });
    expect(lastRequest().body).toBe(JSON.stringify(body));
    expect(lastRequest().headers.authorization).toBe("Bearer token-abc-123");
  } finally {
    spy.mockRestore();
  }
});

it("a fetch of the caller's receives a real Request, with method, headers and body", async () => {
  const seen: Request[] = [];
  const api = client({ fetch: (request) => (seen.push(request.clone()), globalThis.fetch(request)) });
  await expect(api.updateUser({ id: 500, body })).resolves.toEqual({ AssociateId: 500 });
  expect(seen[0]).toBeInstanceOf(Request);
  expect(seen[0]!.method).toBe("PUT");
  expect(seen[0]!.headers.get("Authorization")).toBe("Bearer token-abc-123");
  expect(await seen[0]!.text()).toBe(JSON.stringify(body));
});

it("middleware sees a real Request on the default path, and the call still goes through", async () => {
  const seen: unknown[] = [];
  const api = client({ middleware: [{ onRequest: ({ request }) => void seen.push(request) }] });
  await expect(api.updateUser({ id: 500, body })).resolves.toEqual({ AssociateId: 500 });
  expect(seen[0]).toBeInstanceOf(Request);
  expect(lastRequest().body).toBe(JSON.stringify(body));
});
