// Secrets in strings the server chose (reason phrase, Content-Type) and in the caller's base URL never reach an error.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserApiHttpError, UserApiResponseError } from "../src/index.js";
import { createUserApiClient } from "./helpers/client-under-test.js";
import { startHttpServer } from "./helpers/http-server.js";
import { rejection } from "./helpers/settle.js";

let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());

const token = "bearer-7Hq2-secret-Zx91";
const api = () => createUserApiClient({ baseUrl: server.url, auth: { bearer: token }, retry: { retries: 0 } });

/** Every way an error is usually shown or logged. */
const renderings = (error: unknown) => [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), (error as Error).stack ?? ""];

describe("strings the server chose", () => {
  it("a reason phrase that echoes the token is redacted in statusText and the message", async () => {
    server.handle((_req, res) => res.writeHead(401, `Bad token ${token}`, { "Content-Type": "application/json" }).end("{}"));
    const error = (await rejection(api().getUser({ id: 5 }))) as UserApiHttpError;
    expect(error).toBeInstanceOf(UserApiHttpError);
    expect(error.statusText).toBe("Bad token [REDACTED]");
    for (const text of renderings(error)) expect(text).not.toContain(token);
  });

  it("a Content-Type that echoes the token is redacted", async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": `text/html; token=${token}` }).end("<p>login</p>"));
    const error = (await rejection(api().getUser({ id: 5 }))) as UserApiResponseError;
    expect(error).toBeInstanceOf(UserApiResponseError);
    expect(error.contentType).toBe("text/html; token=[REDACTED]");
    for (const text of renderings(error)) expect(text).not.toContain(token);
  });

  it("so is the Content-Type of a body over maxResponseBytes", async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": `application/json; t=${token}` }).end(`"${"x".repeat(5000)}"`));
    const client = createUserApiClient({ baseUrl: server.url, auth: { bearer: token }, maxResponseBytes: 1000 });
    const error = (await rejection(client.getUser({ id: 5 }))) as UserApiResponseError;
    expect(error.message).toContain("larger than maxResponseBytes");
    for (const text of renderings(error)) expect(text).not.toContain(token);
  });

  it("a next link that echoes the token is redacted from the error that refuses it", async () => {
    server.handle((_req, res) =>
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ "odata.nextLink": `https://elsewhere.example/User?t=${token}`, value: [] })),
    );
    const error = (await rejection(api().listAllUsers().next())) as UserApiResponseError;
    expect(error).toBeInstanceOf(UserApiResponseError);
    expect(error.received).toContain("elsewhere.example");
    for (const text of renderings(error)) expect(text).not.toContain(token);
  });
});

describe("the base URL", () => {
  it.each([
    ["a user name and password", (url: string) => url.replace("http://", "http://jdoe:pw-S3cret-99@"), /must not contain a user name or password/],
    ["a query string", (url: string) => `${url}/api/v1?ticket=pw-S3cret-99`, /must not have a query string/],
    ["a fragment", (url: string) => `${url}/api/v1#pw-S3cret-99`, /must not have a fragment/],
  ])("with %s is refused when the client is created, without echoing it", (_label, make, rule) => {
    const attempt = () => createUserApiClient({ baseUrl: make(server.url) });
    expect(attempt).toThrow(TypeError);
    expect(attempt).toThrow(rule);
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain("pw-S3cret-99");
      expect(String(error)).toContain(server.url.replace("http://", ""));
    }
  });

  it("a plain base URL with a path is accepted", () => {
    expect(() => createUserApiClient({ baseUrl: `${server.url}/Cust12345/api/v1/` })).not.toThrow();
  });
});
