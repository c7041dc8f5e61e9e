// A local HTTP proxy that forwards every call unchanged to the user's own SuperOffice server and reports, one line
// each, where the request or the answer breaks the contract; every printed line goes through the client's redactor.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from "node:http";
import { request as httpsRequest } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { createRedactor, scanBody } from "../../src/redact.js";
import { createContractCheck, type Violation } from "./contract-check.js";
import { answersSecret, type OpenApiDocument } from "./spec.js";

/** A running proxy. */
export type ValidatingProxy = { url: string; server: Server; close(): Promise<void> };

/** Headers that belong to one connection, not to the call: Node sets its own on each side (and answers Expect itself). */
const hopByHop = new Set(["connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer", "expect"]);

/** Bodies larger than this are forwarded but not checked (the copy kept for checking would cost too much memory). */
const MAX_CHECKED_BYTES = 20 * 1024 * 1024;

/** What the proxy needs: the bundled contract, the user's WebAPI base URL, its own port, and where lines go. */
export type ValidatingProxyOptions = { doc: OpenApiDocument; upstream: URL; port: number; print: (line: string) => void };

/** One forwarded call as the report sees it; a body is undefined when it was too large to keep. */
type Exchange = { req: IncomingMessage; url: URL; ms: number; requestBody?: Buffer; answer: IncomingMessage; answerBody?: Buffer };

/** Starts the proxy on 127.0.0.1:port; rejects with a clear message when the port is taken. */
export function startValidatingProxy(options: ValidatingProxyOptions): Promise<ValidatingProxy> {
  const check = createContractCheck(options.doc);
  const base = options.upstream.pathname.replace(/\/$/, "");
  const send = options.upstream.protocol === "https:" ? httpsRequest : httpRequest;
  const { hostname, port, protocol, host } = options.upstream;

  const server = createServer((req, res) => {
    const started = Date.now();
    const target = req.url ?? "/";
    if (!target.startsWith("/")) {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("contract proxy: use it as your base URL, not as an HTTP proxy\n");
      return;
    }
    // Parsed only to match the operation; the upstream gets the path and query exactly as the caller wrote them.
    const url = new URL(`http://proxy${target}`);
    const requestBody = collect(req);
    const path = `${base}${target}`;
    const outgoing = send({ protocol, hostname, port, method: req.method, path, headers: forwardedHeaders(req.rawHeaders, host) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardedHeaders(answer.rawHeaders));
      const answerBody = collect(answer);
      answer.pipe(res);
      answer.on("error", () => res.destroy());
      answer.on("end", () => {
        const exchange = { req, url, ms: Date.now() - started, requestBody: requestBody(), answer, answerBody: answerBody() };
        try {
          options.print(report(check, options.doc, exchange));
        } catch (error) {
          // A check that fails (a schema Ajv cannot compile, say) must not stop the proxy; the message names no value.
          const reason = error instanceof Error ? error.message : String(error);
          options.print(`${req.method} ${url.pathname} → ${answer.statusCode}: not checked (${reason})`);
        }
      });
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      const reason = error.code ?? error.message;
      options.print(`${req.method} ${url.pathname} → upstream not reached (${reason}): answered 502`);
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`contract proxy: the upstream ${options.upstream.origin} was not reached (${reason})\n`);
    });
    req.pipe(outgoing);
  });

  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${options.port} is already in use: choose another one with --port.`) : error),
    );
    server.listen(options.port, "127.0.0.1", () => {
      const close = () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        });
      resolve({ url: `http://127.0.0.1:${options.port}`, server, close });
    });
  });
}

/** The lines for one call: a summary and one line per violation, redacted with every secret the call carried. */
function report(check: ReturnType<typeof createContractCheck>, doc: OpenApiDocument, exchange: Exchange): string {
  const { req, url, answer, requestBody, answerBody } = exchange;
  const method = req.method ?? "";
  const headline = `${method} ${url.pathname} → ${answer.statusCode} in ${exchange.ms} ms`;
  const matched = check.match(method, url.pathname);
  const decoded = answerBody && decode(answerBody, answer.headers["content-encoding"]);
  const redact = createRedactor(secretsOf({ ...exchange, answerBody: decoded }, matched !== undefined && answersSecret(doc, matched.op)));
  if (method === "OPTIONS" && req.headers["access-control-request-method"]) return redact(`${headline}: CORS preflight, not checked`);
  if (!requestBody || !answerBody) return redact(`${headline}: body over ${MAX_CHECKED_BYTES} bytes, not checked`);
  if (!matched) return redact(`${headline}: 1 violation\n  ✗ ${method} ${url.pathname} · request · path: an operation of the contract (there is none)`);
  const request = { method, path: url.pathname, query: url.searchParams, headers: flat(req.headers), body: requestBody };
  const violations: Violation[] = [
    ...check.checkRequest(matched, request),
    ...(decoded ? check.checkResponse(matched, { status: answer.statusCode ?? 0, headers: flat(answer.headers), body: decoded }) : []),
  ];
  const { operationId } = matched.op;
  const count = violations.length === 0 ? "conforms" : `${violations.length} violation${violations.length > 1 ? "s" : ""}`;
  const lines = violations.map((v) => {
    const side = v.side === "response" ? `response ${answer.statusCode}` : "request";
    return `  ✗ ${operationId} ${method} ${url.pathname} · ${side} · ${v.at}: ${v.expected}`;
  });
  if (!decoded) lines.push(`  (answer body in ${answer.headers["content-encoding"]} encoding could not be decoded: not checked)`);
  // Redacted even though no line quotes a value: a JSON path may carry a key taken from a body.
  return redact([`${headline} (${operationId}): ${count}`, ...lines].join("\n"));
}

/** Every secret one call carried: credential headers (and the password inside Basic), secret fields, a secret answer. */
function secretsOf({ req, requestBody, answer, answerBody }: Exchange, secretAnswer: boolean): string[] {
  const secrets: string[] = [];
  for (const name of ["authorization", "proxy-authorization", "so-apptoken", "x-xsrf-token"]) {
    const value = req.headers[name];
    if (typeof value !== "string") continue;
    const [scheme, token] = value.split(/\s+(.*)/s);
    secrets.push(value, token ?? value);
    if (/^basic$/i.test(scheme ?? "") && token) {
      const pair = Buffer.from(token, "base64").toString("utf8");
      secrets.push(pair, pair.slice(pair.indexOf(":") + 1));
    }
  }
  // Every pair of the Cookie header, and the first (the value, not the attributes) of each Set-Cookie.
  const cookies = [...(req.headers.cookie ?? "").split(";"), ...(answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!)];
  for (const pair of cookies) secrets.push(pair.slice(pair.indexOf("=") + 1).trim());
  for (const body of [requestBody, answerBody]) secrets.push(...scanBody(parseJson(body)).secrets);
  // An answer that is itself a secret (a generated password, a token), as sent and as the string it encodes.
  if (secretAnswer && answerBody) secrets.push(answerBody.toString("utf8"), String(parseJson(answerBody) ?? ""));
  return secrets;
}

/** Raw headers (names as sent, duplicates kept) less the hop-by-hop ones; `host` replaced when given. */
function forwardedHeaders(raw: string[], host?: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (hopByHop.has(name)) continue;
    out.push(raw[i]!, name === "host" && host ? host : raw[i + 1]!);
  }
  return out;
}

/** Keeps a copy of a stream's bytes (up to MAX_CHECKED_BYTES); the getter returns undefined when there were more. */
function collect(stream: IncomingMessage): () => Buffer | undefined {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_CHECKED_BYTES) chunks.push(chunk);
  });
  return () => (size <= MAX_CHECKED_BYTES ? Buffer.concat(chunks) : undefined);
}

/** The body with its Content-Encoding undone, or undefined when it cannot be. */
function decode(body: Buffer, encoding: string | undefined): Buffer | undefined {
  try {
    const name = encoding?.trim().toLowerCase();
    if (!name || name === "identity") return body;
    if (name === "gzip" || name === "x-gzip") return gunzipSync(body);
    if (name === "br") return brotliDecompressSync(body);
    if (name === "deflate") return inflateSync(body);
    return undefined;
  } catch {
    return undefined;
  }
}

/** A body parsed as JSON, or undefined. */
function parseJson(body: Buffer | undefined): unknown {
  if (!body || body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8").replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
}

/** Node's header object with one string per name (repeated headers joined, as HTTP allows). */
function flat(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : value]));
}
