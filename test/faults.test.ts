// Hard edges against a real local HTTP server: bad answers, faults, timeouts, retries, header checks, secrets.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  UserApiAbortError,
  UserApiHttpError,
  UserApiNetworkError,
  UserApiRequestError,
  UserApiResponseError,
  UserApiTimeoutError,
  type UserApiClientOptions,
} from "../src/index.js";
import { getEventListeners } from "node:events";
import { gzipSync } from "node:zlib";
import { createUserApiClient, transportName } from "./helpers/client-under-test.js";
import { freePort } from "./helpers/ports.js";
import { startHttpServer } from "./helpers/http-server.js";
import { runNode } from "./helpers/processes.js";

let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());

const password = "pässwörd-Geheim-42";
const api = (options: Partial<UserApiClientOptions> = {}) =>
  createUserApiClient({ baseUrl: server.url, auth: { basic: { username: "Jürgen", password } }, ...options });
const fail = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("the call succeeded"), (e: unknown) => e);
const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  server.handle((_req, res) => res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(value)));

describe("answers that are not what the contract promises", () => {
  it("an HTML 500 page is a typed error that shows the first bytes", async () => {
    server.handle((_req, res) => res.writeHead(500, { "Content-Type": "text/html" }).end("<html><body><h1>Server Error</h1></body></html>"));
    const error = (await fail(api().validateUser({ body: {} }))) as UserApiHttpError;
    expect(error).toBeInstanceOf(UserApiHttpError);
    expect(error.status).toBe(500);
    expect(error.body).toContain("<h1>Server Error</h1>");
    expect(error.message).toContain("Server Error");
  });

  it("a 200 with invalid JSON is a UserApiResponseError with what was received", async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"AssociateId": 5,'));
    const error = (await fail(api().validateUser({ body: {} }))) as UserApiResponseError;
    expect(error).toBeInstanceOf(UserApiResponseError);
    expect(error.received).toBe('{"AssociateId": 5,');
    expect(error.message).toContain("not valid JSON");
  });

  it("a 200 with the wrong content type is a UserApiResponseError", async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<p>login page</p>"));
    const error = (await fail(api().validateUser({ body: {} }))) as UserApiResponseError;
    expect(error.contentType).toBe("text/html");
    expect(error.message).toContain("expected a JSON body");
  });

  it("a truncated body is a typed network error", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
      res.write('{"1":"partial');
      setTimeout(() => res.destroy(), 20);
    });
    const error = await fail(api().validateUser({ body: {} }));
    expect(error).toBeInstanceOf(UserApiNetworkError);
  });

  it("a connection reset in the middle of a chunked body is a typed network error", async () => {
    server.handle((req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"AssociateId": 5, "Name": "half');
      setTimeout(() => req.socket.resetAndDestroy(), 20);
    });
    const error = (await fail(api().validateUser({ body: {} }))) as UserApiNetworkError;
    expect(error).toBeInstanceOf(UserApiNetworkError);
    expect(error.message).toMatch(/validateUser failed: /);
  });

  it("204 with an empty body and 200 with a literal null both resolve to undefined", async () => {
    server.handle((_req, res) => res.writeHead(204).end());
    await expect(api().userAgent.saveUntrustedCredentialsForAssociate({ body: { AssociateId: 1 } })).resolves.toBeUndefined();
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("null"));
    await expect(api().validateUser({ body: {} })).resolves.toBeUndefined();
  });

  it.each([401, 403, 404, 409, 412, 429, 500, 503])("%i with a SuperOffice error body is a typed error with status and message", async (status) => {
    json(status, { Error: true, ErrorType: "SoException", Message: `failure ${status}`, ErrorSource: "x" });
    const error = (await fail(api().validateUser({ body: {} }, { retry: { retries: 0 } }))) as UserApiHttpError;
    expect(error).toMatchObject({ kind: "http", status, serverMessage: `failure ${status}` });
  });
});

describe("large answers", () => {
  const bodyBytes = 20 * 1024 * 1024;
  /** A User whose CustomFields hold about `bytes` of text, as one Buffer. */
  const hugeUser = (bytes: number) => {
    const fields: Record<string, string> = {};
    const value = "x".repeat(1000);
    for (let i = 0; i < bytes / 1000; i++) fields[`custom.field${i}`] = value;
    return Buffer.from(JSON.stringify({ AssociateId: 7, Name: "Big", CustomFields: fields }));
  };

  it("a 20 MB User is read whole by a client whose heap is capped at 5x the body", async () => {
    const body = hugeUser(bodyBytes);
    expect(body.length).toBeGreaterThan(bodyBytes);
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length }).end(body));
    // A separate process, so that the cap measures the client alone: past it, V8 aborts with "heap out of memory".
    const heapCapMb = Math.round((5 * body.length) / 1024 / 1024);
    const child = await runNode([`--max-old-space-size=${heapCapMb}`, "--import", "tsx", "test/fixtures/large-response-child.ts", server.url]);
    expect(child.stderr).not.toMatch(/out of memory/i);
    expect(child.code).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ associateId: 7, customFields: Math.ceil(bodyBytes / 1000) });
  });

  it.each([
    ["declared by Content-Length", true],
    ["streamed without a length", false],
  ])("a body over maxResponseBytes (%s) is a UserApiResponseError, not read on", async (_label, withLength) => {
    const body = hugeUser(4 * 1024 * 1024);
    server.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", ...(withLength ? { "Content-Length": body.length } : {}) });
      res.end(body);
    });
    const error = (await fail(api({ maxResponseBytes: 1024 * 1024 }).updateUser({ id: 7, body: {} }))) as UserApiResponseError;
    expect(error).toBeInstanceOf(UserApiResponseError);
    expect(error.message).toContain("larger than maxResponseBytes (1048576 bytes)");
  });

  it("an error body over maxResponseBytes is a UserApiResponseError with its status", async () => {
    server.handle((_req, res) => res.writeHead(500, { "Content-Type": "text/html" }).end("<p>".repeat(100_000)));
    const error = (await fail(api({ maxResponseBytes: 10_000 }).validateUser({ body: {} }))) as UserApiResponseError;
    expect(error).toMatchObject({ kind: "invalid-response", status: 500 });
  });

  it("maxResponseBytes and timeoutMs must be positive numbers", () => {
    expect(() => api({ maxResponseBytes: 0 })).toThrow(/maxResponseBytes must be a whole number of bytes from 1/);
    expect(() => api({ timeoutMs: Number.NaN })).toThrow(/timeoutMs must be a whole number of milliseconds from 1/);
  });

  it.each([
    ["a 200", 200],
    ["an error status", 500],
  ])("a gzip body that inflates past maxResponseBytes (%s) is refused, although its Content-Length is small", async (_label, status) => {
    // 5 MB of JSON in about 10 kB of gzip: Content-Length alone says nothing about the decoded size.
    const body = gzipSync(hugeUser(5 * 1024 * 1024));
    server.handle((_req, res) =>
      res.writeHead(status, { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": body.length }).end(body),
    );
    const error = (await fail(api({ maxResponseBytes: 1024 * 1024 }).updateUser({ id: 7, body: {} }))) as UserApiResponseError;
    expect(error).toBeInstanceOf(UserApiResponseError);
    expect(error).toMatchObject({ kind: "invalid-response", status });
    expect(error.message).toContain("larger than maxResponseBytes (1048576 bytes)");
  });
});

describe("time and connections", () => {
  it("a server that never answers is aborted after the timeout", async () => {
    server.handle(() => undefined);
    const started = Date.now();
    const error = (await fail(api({ timeoutMs: 200 }).validateUser({ body: {} }))) as UserApiTimeoutError;
    expect(error).toBeInstanceOf(UserApiTimeoutError);
    expect(error.timeoutMs).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("the per-call timeout wins over the client's", async () => {
    server.handle(() => undefined);
    const error = await fail(api({ timeoutMs: 60_000 }).validateUser({ body: {} }, { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(UserApiTimeoutError);
  });

  it("the caller's AbortSignal is honoured", async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await fail(api().validateUser({ body: {} }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(UserApiAbortError);
  });

  it("a signal aborted before the call rejects it with nothing sent", async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{}"));
    const error = await fail(api().validateUser({ body: {} }, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(UserApiAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("calls that finish leave no listener on the caller's signal", async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{}"));
    const controller = new AbortController();
    for (let i = 0; i < 3; i++) await api().validateUser({ body: {} }, { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(server.requests).toHaveLength(3);
  });

  it("connection refused is a typed network error with its code", async () => {
    const closed = createUserApiClient({ baseUrl: `http://127.0.0.1:${await freePort()}` });
    const error = (await fail(closed.validateUser({ body: {} }))) as UserApiNetworkError;
    expect(error).toBeInstanceOf(UserApiNetworkError);
    expect(error.code).toBe("ECONNREFUSED");
  });
});

describe("the transport", () => {
  it(`is the one under test (${transportName})`, async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{}"));
    await api().validateUser({ body: {} });
    // undici's fetch adds Sec-Fetch-Mode; node:http sends only what it is given.
    expect(server.requests[0]!.headers["sec-fetch-mode"] !== undefined).toBe(transportName === "fetch");
  });

  it("a gzip-compressed answer is decoded", async () => {
    const body = gzipSync(JSON.stringify({ AssociateId: 5, Name: "Jürgen" }));
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": body.length }).end(body));
    await expect(api().getUser({ id: 5 })).resolves.toEqual({ AssociateId: 5, Name: "Jürgen" });
    expect(server.requests[0]!.headers["accept-encoding"]).toMatch(/gzip/);
  });

  it("a 307 redirect on the same server is followed with the method, body and credentials", async () => {
    server.handle((req, res) => {
      if (req.url === "/User/5") res.writeHead(307, { Location: "/moved/User/5" }).end();
      else res.writeHead(200, { "Content-Type": "application/json" }).end('{"AssociateId":5}');
    });
    await expect(api().updateUser({ id: 5, body: { Name: "x" } })).resolves.toEqual({ AssociateId: 5 });
    const [, moved] = server.requests;
    expect([moved!.method, moved!.url, moved!.body]).toEqual(["PUT", "/moved/User/5", '{"Name":"x"}']);
    expect(moved!.headers.authorization).toMatch(/^Basic /);
  });

  it("a redirect to another origin does not carry the Authorization header", async () => {
    const other = await startHttpServer();
    try {
      other.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"AssociateId":6}'));
      server.handle((_req, res) => res.writeHead(302, { Location: `${other.url}/User/6` }).end());
      await expect(api().getUser({ id: 6 })).resolves.toEqual({ AssociateId: 6 });
      expect(other.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe("retries", () => {
  it("PUT is retried after 503 with Retry-After, and succeeds", async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      if (calls < 3) res.writeHead(503, { "Retry-After": "0" }).end();
      else res.writeHead(200, { "Content-Type": "application/json" }).end('{"AssociateId":5}');
    });
    await expect(api().updateUser({ id: 5, body: {} })).resolves.toEqual({ AssociateId: 5 });
    expect(calls).toBe(3);
  });

  it("retries are bounded and the error says how many attempts were made", async () => {
    json(429, { Message: "slow down" }, { "Retry-After": "0" });
    const error = (await fail(api({ retry: { retries: 2 } }).updateUser({ id: 5, body: {} }))) as UserApiHttpError;
    expect(error.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it("POST is not retried unless the caller opts in", async () => {
    json(503, { Message: "busy" }, { "Retry-After": "0" });
    await fail(api().validateUser({ body: {} }));
    expect(server.requests).toHaveLength(1);
    json(503, { Message: "busy" }, { "Retry-After": "0" });
    await fail(api().validateUser({ body: {} }, { retry: { retryNonIdempotent: true, retries: 1 } }));
    expect(server.requests).toHaveLength(2);
  });

  it("a Retry-After longer than maxDelayMs is not waited for", async () => {
    json(503, { Message: "maintenance" }, { "Retry-After": "3600" });
    const error = (await fail(api().updateUser({ id: 5, body: {} }))) as UserApiHttpError;
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(server.requests).toHaveLength(1);
  });
});

describe("requests refused before sending", () => {
  it.each([
    ["a missing body", { id: 5 }],
    ["a string id", { id: "5", body: {} }],
    ["a negative id", { id: -1, body: {} }],
    ["an id above int32", { id: 2 ** 31, body: {} }],
    ["a fractional id", { id: 1.5, body: {} }],
  ])("updateUser with %s", async (_label, args) => {
    server.handle((_req, res) => res.writeHead(200).end("{}"));
    const error = await fail(api().updateUser(args as never));
    expect(error).toBeInstanceOf(UserApiRequestError);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["language", { language: "en\r\nX-Evil: 1" }],
    ["soTicket", { auth: { soTicket: "7T:abc\ndef" } }],
    ["appToken", { appToken: "tøken-ünicode-€" }],
  ])("a %s with CR/LF or non-Latin-1 characters is refused when the client is created", (_label, options) => {
    expect(() => createUserApiClient({ baseUrl: server.url, ...(options as object) })).toThrow(UserApiRequestError);
  });

  it.each(["Bad Name", "X-Token:", "(x)", ""])("a header named %j is refused as invalid-request, per call and when the client is created", async (name) => {
    const error = await fail(api().validateUser({ body: {} }, { headers: { [name]: "1" } }));
    expect(error).toBeInstanceOf(UserApiRequestError);
    expect((error as Error).message).toContain("is not a valid header name");
    expect(server.requests).toHaveLength(0);
    expect(() => api({ headers: { [name]: "1" } })).toThrow(UserApiRequestError);
  });

  it("a per-call header with a line break is refused, nothing sent", async () => {
    const error = await fail(api().validateUser({ body: {} }, { headers: { "SO-Language": "en\nx" } }));
    expect(error).toBeInstanceOf(UserApiRequestError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("credentials and secrets", () => {
  it("non-ASCII Basic credentials are sent as UTF-8 and decode on the server", async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{}"));
    await api().validateUser({ body: {} });
    const header = server.requests[0]!.headers.authorization!;
    expect(Buffer.from(header.replace(/^Basic /, ""), "base64").toString("utf8")).toBe(`Jürgen:${password}`);
  });

  it("an error body that echoes the password, SecretValue and the Authorization header leaks none of them", async () => {
    server.handle((req, res) =>
      res.writeHead(400, { "Content-Type": "application/json" }).end(
        JSON.stringify({
          Message: `Bad password ${password} for ${req.headers.authorization}`,
          SecretValue: "candidate-password-1",
          Nested: { CredentialValue: "another-secret-2" },
        }),
      ),
    );
    const error = await fail(api().validateUser({ body: {} }));
    const basic = Buffer.from(`Jürgen:${password}`).toString("base64");
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), (error as Error).stack ?? ""]) {
      for (const secret of [password, basic, "candidate-password-1", "another-secret-2"]) expect(text).not.toContain(secret);
    }
    expect(String(error)).toContain("[REDACTED]");
  });
});
