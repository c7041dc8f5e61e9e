// Redirects a server may send: a Location that is not a URL, a redirect to another origin with secret headers on
// the request, and a redirect whose body never ends. Both transports follow them by the same rules.
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserApiNetworkError } from "../src/index.js";
import { createUserApiClient } from "./helpers/client-under-test.js";
import { startHttpServer } from "./helpers/http-server.js";
import { runNode } from "./helpers/processes.js";
import { rejection } from "./helpers/settle.js";

let server: Awaited<ReturnType<typeof startHttpServer>>;
let other: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  [server, other] = await Promise.all([startHttpServer(), startHttpServer()]);
});
afterAll(() => Promise.all([server.close(), other.close()]));

const found = (res: ServerResponse) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"AssociateId":6}');

describe("a Location that cannot be followed", () => {
  it.each(["http://[bad", "http://exa mple.com:99999/x"])(
    "a 302 to %j rejects with a typed network error, and the process lives on",
    async (location) => {
      server.handle((_req, res) => res.writeHead(302, { Location: location }).end());
      // In a child process: a throw outside the call's promise would end the process, not fail an assertion.
      const child = await runNode(["--import", "tsx", "test/fixtures/call-child.ts", server.url, "getUser", '{"id":6}']);
      expect(child.stderr).toBe("");
      expect(child.code).toBe(0);
      expect(JSON.parse(child.stdout)).toMatchObject({ settled: "rejected", name: "UserApiNetworkError", code: "ERR_INVALID_URL" });
    },
  );

  it("a redirect to a scheme other than http(s) is a typed network error, nothing else is called", async () => {
    server.handle((_req, res) => res.writeHead(302, { Location: "file:///etc/passwd" }).end());
    const error = await rejection(createUserApiClient({ baseUrl: server.url }).getUser({ id: 6 }));
    expect(error).toBeInstanceOf(UserApiNetworkError);
    expect(error.message).toContain("file:");
  });
});

describe("secret headers stay with their origin", () => {
  const secrets = { appToken: "app-token-5a1b2c3d", xsrf: "xsrf-token-9f8e7d6c", cookie: "ASP.NET_SessionId=cookie-4b3a" };
  const client = () =>
    createUserApiClient({
      baseUrl: server.url,
      auth: { xsrfToken: secrets.xsrf },
      appToken: secrets.appToken,
      headers: { Cookie: secrets.cookie, "SO-Language": "en" },
    });

  it.each([301, 302, 303, 307, 308])("a %i to another origin drops SO-AppToken, X-XSRF-TOKEN and Cookie", async (status) => {
    other.handle((_req, res) => found(res));
    server.handle((_req, res) => res.writeHead(status, { Location: `${other.url}/User/6` }).end());
    await expect(client().getUser({ id: 6 })).resolves.toEqual({ AssociateId: 6 });
    const sent = other.requests[0]!.headers;
    expect([sent["so-apptoken"], sent["x-xsrf-token"], sent.cookie, sent.authorization]).toEqual([undefined, undefined, undefined, undefined]);
    // Headers that are not secrets still go along.
    expect(sent["so-language"]).toBe("en");
  });

  it("a redirect on the same origin keeps them", async () => {
    server.handle((req, res) => (req.url === "/User/6" ? res.writeHead(307, { Location: "/moved/User/6" }).end() : found(res)));
    await expect(client().getUser({ id: 6 })).resolves.toEqual({ AssociateId: 6 });
    const sent = server.requests[1]!.headers;
    expect([sent["so-apptoken"], sent["x-xsrf-token"], sent.cookie]).toEqual([secrets.appToken, secrets.xsrf, secrets.cookie]);
  });

  it("a 303 after a POST goes on as a GET without the body", async () => {
    server.handle((req, res) => (req.url === "/User/Validate" ? res.writeHead(303, { Location: "/answer" }).end() : found(res)));
    await createUserApiClient({ baseUrl: server.url }).validateUser({ body: { Name: "x" } });
    const [, next] = server.requests;
    expect([next!.method, next!.url, next!.body, next!.headers["content-type"]]).toEqual(["GET", "/answer", "", undefined]);
  });

  it("more than 20 redirects is a typed network error", async () => {
    server.handle((req, res) => res.writeHead(302, { Location: `/hop${server.requests.length}` }).end());
    const error = await rejection(createUserApiClient({ baseUrl: server.url }).getUser({ id: 6 }));
    expect(error).toBeInstanceOf(UserApiNetworkError);
    expect(error.message).toContain("redirect");
    expect(server.requests).toHaveLength(21);
  });
});

describe("the body of a redirect", () => {
  it("a 302 whose body never ends is not read on once the call has settled", async () => {
    let written = 0;
    const closed = new Promise<void>((resolve) => {
      server.handle((req, res) => {
        if (req.url !== "/User/6") return found(res);
        res.on("close", () => resolve());
        res.writeHead(302, { Location: "/moved/User/6", "Content-Type": "text/plain" });
        const chunk = Buffer.alloc(64 * 1024, "x");
        // As fast as the client reads, for ever.
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) written += chunk.length;
        };
        res.on("drain", pump);
        pump();
      });
    });
    await expect(createUserApiClient({ baseUrl: server.url }).getUser({ id: 6 })).resolves.toEqual({ AssociateId: 6 });
    const outcome = await Promise.race([closed.then(() => "closed"), new Promise((resolve) => setTimeout(resolve, 5_000, "still sending"))]);
    expect(outcome).toBe("closed");
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });
});
