// Property: whatever a server answers and however a call fails, no secret appears in any serialisation of the error.
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type UserApiAuth,
} from "../src/index.js";
import { secretPropertyNames } from "../generated/operations.js";
import { answersSecret as answersSecretIn, listOperations } from "../scripts/lib/spec.js";
import { createUserApiClient, operationFunction } from "./helpers/client-under-test.js";
import { doc, exampleArgs } from "./helpers/spec-examples.js";
import { fuzzRuns, fuzzSeed } from "./helpers/fuzz.js";
import { startHttpServer } from "./helpers/http-server.js";

let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());

// Secrets of 8+ characters without leading or trailing blanks: shorter or blank-edged strings would "leak" by
// coincidence (util.inspect indents with runs of spaces, messages contain common words).
const edged = (s: string) => /^\S[\s\S]*\S$/.test(s);
const latin1 = fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c));
/** A secret that can travel in a header: ISO-8859-1 without control characters. */
const headerSecret = fc.string({ unit: latin1, minLength: 8, maxLength: 40 }).filter(edged);
/** Any secret, including control characters, emoji, quotes, markup and JSON escapes. */
const anySecret = fc
  .oneof(
    fc.string({ unit: "grapheme-ascii", minLength: 8, maxLength: 40 }),
    fc.string({ unit: "grapheme", minLength: 8, maxLength: 40 }),
    fc.string({ unit: "binary-ascii", minLength: 8, maxLength: 40 }),
    fc.constantFrom('p"a<s>s&w\\o\'rd', "Jürgen:pässwörd", "line\r\nbreak!", "{\"SecretValue\":1}"),
  )
  .filter(edged);
/** Mostly a sendable secret; sometimes one the client must refuse to put in a header. */
const tokenSecret = fc.oneof({ weight: 4, arbitrary: headerSecret }, { weight: 1, arbitrary: anySecret });

const secretNames = new Set(secretPropertyNames);

/** A copy of a request example with every secret-named string field, at any depth, set to `secret`. */
function withSecret(value: unknown, secret: string): { value: unknown; replaced: number } {
  let replaced = 0;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, item]) => {
        if (secretNames.has(key) && (typeof item === "string" || item === null)) {
          replaced += 1;
          return [key, secret];
        }
        return [key, walk(item)];
      }),
    );
  };
  return { value: walk(value), replaced };
}

/** The whole answer of the operation is a password or token. */
const answersSecret = (op: (typeof operations)[number]) => answersSecretIn(doc, op);

// Every operation that sends a secret in its body (a password, a token, a credential value) or answers one.
const operations = listOperations(doc);
const sendsSecret = new Set(operations.filter((op) => withSecret(exampleArgs(op.operationId).body, "x").replaced > 0).map((op) => op.operationId));
const secretCalls = operations.filter((op) => answersSecret(op) || sendsSecret.has(op.operationId));

const scenario = fc.record({
  /** The call that fails: one that sends or answers a secret. */
  operationId: fc.constantFrom(...secretCalls.map((op) => op.operationId)),
  auth: fc.oneof(
    fc.record({
      basic: fc.record({ username: fc.string({ minLength: 1, maxLength: 12 }).filter((u) => !u.includes(":")), password: anySecret }),
    }),
    fc.record({ bearer: tokenSecret }),
    fc.record({ soTicket: tokenSecret }),
    fc.record({ xsrfToken: tokenSecret }),
  ) as fc.Arbitrary<UserApiAuth>,
  appToken: fc.option(tokenSecret, { nil: undefined }),
  /** Sent in the request body: the server may echo it. */
  credentialValue: anySecret,
  /** A password the server makes up and returns in a secret-named field (SecretValue, CredentialValue). */
  serverSecret: anySecret,
  status: fc.constantFrom(200, 400, 401, 403, 404, 409, 412, 429, 500, 503),
  format: fc.constantFrom("json", "truncated-json", "html", "xml", "text", "reset"),
  /** Which known secrets the server repeats in its message. */
  echo: fc.subarray(["authorization", "password", "token", "credential"] as const),
  cut: fc.nat(),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The secret values the client or the server holds in a scenario, as they would be written on the wire. */
function secretsOf(s: Scenario): string[] {
  const auth = s.auth as Record<string, any>;
  const own = "basic" in auth ? [auth.basic.password, Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString("base64")] : Object.values(auth);
  // The body's secret is one the client knows only when this call sent it; else the server made it up in free text.
  const sent = sendsSecret.has(s.operationId) ? [s.credentialValue] : [];
  return [...own, ...(s.appToken ? [s.appToken] : []), ...sent, s.serverSecret];
}

/** The server's answer: SuperOffice-style JSON, cut-off JSON, an HTML page, a SOAP-like XML fault, text, or a reset. */
function answer(s: Scenario, authorization: string | undefined) {
  const auth = s.auth as Record<string, any>;
  const token = "basic" in auth ? auth.basic.password : (Object.values(auth)[0] as string);
  // A server can only echo the body's secret when the call sent one.
  const echoes = s.echo.filter((what) => what !== "credential" || sendsSecret.has(s.operationId));
  const echoed = echoes.map((what) =>
    ({ authorization: authorization ?? "", password: token, token: s.appToken ?? token, credential: s.credentialValue })[what],
  );
  const message = `Login failed. Echo: ${echoed.join(" | ")}`;
  const json = JSON.stringify({
    Error: true,
    ErrorType: "SoException",
    Message: message,
    ErrorSource: "SoDatabase",
    SecretValue: s.serverSecret,
    Details: [{ CredentialValue: s.credentialValue, Note: "retry" }],
  });
  // A call whose answer is itself a secret: the server sends the bare secret where JSON was expected.
  if (s.status === 200 && answersSecret(operations.find((op) => op.operationId === s.operationId)!)) {
    return { type: s.format === "text" ? "text/plain" : "application/json", body: `new password: ${s.serverSecret}` };
  }
  const format = s.status === 200 && s.format === "json" ? "truncated-json" : s.format;
  switch (format) {
    case "json":
      return { type: "application/json", body: json };
    case "truncated-json":
      return { type: "application/json", body: json.slice(0, Math.max(1, s.cut % json.length)) };
    case "html":
      return { type: "text/html", body: `<html><body><h1>Server Error</h1><p>${escapeMarkup(message)}</p></body></html>` };
    case "xml":
      return {
        type: "application/xml",
        body: `<Fault><Message>${escapeMarkup(message)}</Message><SecretValue>${escapeMarkup(s.serverSecret)}</SecretValue></Fault>`,
      };
    case "text":
      return { type: "text/plain", body: message };
    default:
      return { type: "application/json", body: json, reset: true };
  }
}

/** Text as an HTML or XML page writes it. */
const escapeMarkup = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Every way a secret can show up in text: plain, JSON-escaped, as util.inspect quotes it, URL- and HTML-encoded. */
function forms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), inspect(secret).slice(1, -1), encodeURIComponent(secret), escapeMarkup(secret)];
}

it("no secret appears in String, JSON, util.inspect or the stack of any error", async () => {
  let failures = 0;
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      server.handle((req, res, _body) => {
        const { type, body, reset } = answer(s, req.headers.authorization);
        if (reset) {
          res.writeHead(s.status, { "Content-Type": type });
          res.write(body.slice(0, body.length / 2));
          setImmediate(() => req.socket.resetAndDestroy());
        } else res.writeHead(s.status, { "Content-Type": type }).end(body);
      });
      let error: unknown;
      try {
        const client = createUserApiClient({ baseUrl: server.url, auth: s.auth, appToken: s.appToken, retry: { retries: 0 } });
        const args = exampleArgs(s.operationId);
        await operationFunction(client, s.operationId)({ ...args, ...(args.body === undefined ? {} : { body: withSecret(args.body, s.credentialValue).value }) });
      } catch (caught) {
        error = caught;
      }
      expect(error, "every scenario fails").toBeInstanceOf(Error);
      failures += 1;
      const e = error as Error;
      // Stack frames name code, not data, and a random secret may spell part of one ("property" in this file's name).
      const withoutFrames = (text: string) => text.replace(/\bat [^\n'"]*?(?:file:\/\/|node:|\/)[^\s'"()]*\)?/g, "");
      const texts = [String(e), e.message, JSON.stringify(e), inspect(e, { depth: null }), inspect(e, { depth: null, showHidden: true }), e.stack ?? ""].map(withoutFrames);
      for (const secret of secretsOf(s)) {
        for (const form of forms(secret)) {
          for (const text of texts) if (text.includes(form)) expect.fail(`secret form ${JSON.stringify(form)} leaked into: ${text.slice(0, 300)}`);
        }
      }
    }),
    { seed: fuzzSeed, numRuns: fuzzRuns(1000) },
  );
  expect(failures).toBeGreaterThanOrEqual(Math.min(1000, fuzzRuns(1000)));
});

it("covers every call that sends or answers a secret, password calls and token calls among them", () => {
  const ids = secretCalls.map((op) => op.operationId);
  for (const id of ["userAgentSetPassword", "userAgentChangePassword", "userAgentSetGeneratedPassword", "userAgentGenerateNewPasswordForExternalUser", "userAgentExchangeCodeAndSaveTokens", "userAgentGetAccessToken", "userAgentCreateDefaultUserFromUserTypeAndCredential", "personAgentCreateDefaultFromCredential"]) {
    expect(ids).toContain(id);
  }
  expect(ids.length).toBeGreaterThanOrEqual(20);
});
