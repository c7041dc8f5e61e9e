// Answers that bend HTTP framing or content coding, sent byte for byte: both transports must settle each one the
// same way (one table, run once per transport). Where they differ only in the low-level `code`, the kind agrees.
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createUserApiClient } from "./helpers/client-under-test.js";
import { rawAnswer, startRawServer } from "./helpers/raw-server.js";

let server: Awaited<ReturnType<typeof startRawServer>>;
beforeAll(async () => {
  server = await startRawServer();
});
afterAll(() => server.close());

// A name that compresses poorly, so that a cut-off gzip stream still decodes to part of the JSON.
const user = { AssociateId: 5, Name: Array.from({ length: 600 }, (_, i) => ((i * 7919) % 97).toString(36)).join("") };
const json = Buffer.from(JSON.stringify(user));
const gzipped = gzipSync(json);
/** A 200 JSON answer with the given body and extra headers; Content-Length is the body's unless given. */
const ok = (body: Buffer, headers: Record<string, string | number> = {}) =>
  rawAnswer("200 OK", { "Content-Type": "application/json", "Content-Length": body.length, Connection: "close", ...headers }, body);
const coded = (coding: string, body: Buffer) => ok(body, { "Content-Encoding": coding });

type Expected = { resolves: unknown } | { rejects: "network" | "invalid-response" };
const cases: [string, "getUser" | "deleteUser", Buffer, Expected][] = [
  ["a 204 with a body", "deleteUser", rawAnswer("204 No Content", { "Content-Length": 5, Connection: "close" }, "hello"), { resolves: undefined }],
  ["a 204 with a body and no length", "deleteUser", rawAnswer("204 No Content", { Connection: "close" }, "hello"), { resolves: undefined }],
  // As the README says, a 204 has no body whatever the server sends, so no length it declares can be too large.
  ["a 204 declaring a Content-Length far over maxResponseBytes", "deleteUser", rawAnswer("204 No Content", { "Content-Length": 2 ** 40, Connection: "close" }, ""), { resolves: undefined }],
  ["a 205 declaring a Content-Length far over maxResponseBytes", "deleteUser", rawAnswer("205 Reset Content", { "Content-Length": 2 ** 40, Connection: "close" }, ""), { resolves: undefined }],
  // undici's own parser takes a control character in the reason phrase; the Response the client builds must too.
  ["a 200 whose reason phrase holds a control character (chunked)", "getUser", rawAnswer("200 O\x01K", { "Content-Type": "application/json", "Transfer-Encoding": "chunked", Connection: "close" }, `${json.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`), { resolves: user }],
  ["a 200 whose reason phrase holds a control character (gzip)", "getUser", rawAnswer("200 O\x7fK", { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": gzipped.length, Connection: "close" }, gzipped), { resolves: user }],
  ["a 205 with a body", "deleteUser", rawAnswer("205 Reset Content", { "Content-Length": 5, Connection: "close" }, "hello"), { resolves: undefined }],
  ["a body longer than its Content-Length (the rest ignored)", "getUser", ok(Buffer.concat([json, Buffer.from("garbage")]), { "Content-Length": json.length }), { resolves: user }],
  ["a body shorter than its Content-Length, then close", "getUser", ok(json, { "Content-Length": json.length + 10 }), { rejects: "network" }],
  ["a body without length, ended by close", "getUser", rawAnswer("200 OK", { "Content-Type": "application/json", Connection: "close" }, json), { resolves: user }],
  ["gzip", "getUser", coded("gzip", gzipped), { resolves: user }],
  ["gzip cut inside its data", "getUser", coded("gzip", gzipped.subarray(0, gzipped.length >> 1)), { rejects: "invalid-response" }],
  ["gzip without its 8-byte trailer (decoded leniently, as browsers do)", "getUser", coded("gzip", gzipped.subarray(0, gzipped.length - 8)), { resolves: user }],
  ["two gzip members one after the other", "getUser", coded("gzip", Buffer.concat([gzipSync('{"AssociateId":'), gzipSync("5}")])), { resolves: { AssociateId: 5 } }],
  ["gzip followed by bytes that are not gzip", "getUser", coded("gzip", Buffer.concat([gzipped, Buffer.from("junk")])), { rejects: "network" }],
  ["a gzip header on a body that is not gzip", "getUser", coded("gzip", Buffer.from("not gzip at all")), { rejects: "network" }],
  ["an empty body labelled gzip", "getUser", coded("gzip", Buffer.alloc(0)), { resolves: undefined }],
  ["gzip applied twice (gzip, gzip)", "getUser", coded("gzip, gzip", gzipSync(gzipped)), { resolves: user }],
  ["deflate then gzip (deflate, gzip)", "getUser", coded("deflate, gzip", gzipSync(deflateSync(json))), { resolves: user }],
  ["GZIP in capitals", "getUser", coded("GZIP", gzipped), { resolves: user }],
  ["x-gzip", "getUser", coded("x-gzip", gzipped), { resolves: user }],
  ["six content codings (more than five)", "getUser", coded("gzip, gzip, gzip, gzip, gzip, gzip", json), { rejects: "network" }],
  ["deflate with its zlib wrapper", "getUser", coded("deflate", deflateSync(json)), { resolves: user }],
  ["raw deflate without the zlib wrapper", "getUser", coded("deflate", deflateRawSync(json)), { resolves: user }],
  ["brotli", "getUser", coded("br", brotliCompressSync(json)), { resolves: user }],
  ["a coding nobody knows (passed through as is)", "getUser", coded("zstd", json), { resolves: user }],
  ["identity before gzip (an unknown coding in the list: passed through)", "getUser", coded("identity, gzip", gzipped), { rejects: "invalid-response" }],
];

it.each(cases)("%s", async (_label, operation, answer, expected) => {
  server.answerWith(answer);
  const api = createUserApiClient({ baseUrl: server.url, timeoutMs: 5_000 });
  const outcome = await api[operation]({ id: 5 }).then(
    (value: unknown) => ({ resolves: value }),
    (error: { kind?: string }) => ({ rejects: error.kind }),
  );
  expect(outcome).toEqual(expected);
});
