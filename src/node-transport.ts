// A Node.js transport for the client: node:http(s) with keep-alive, without building a WHATWG Request and
// Response per call. Browsers, and calls with middleware registered, keep using fetch-compatible objects.
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { nullBodyStatuses, ResponseTooLarge } from "./response-limit.js";
import type { UserApiTransport } from "./transport.js";

/** Options of createNodeTransport. */
export type NodeTransportOptions = {
  /** Most sockets per host, per protocol (default 64). */
  maxSockets?: number;
  /** How long an idle keep-alive socket is kept, in milliseconds (default 4 000, below common server timeouts). */
  idleTimeoutMs?: number;
};

const MAX_REDIRECTS = 20;

/** What fetch asks for and decodes. */
const ACCEPT_ENCODING = "gzip, deflate, br";
const decoders: Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress> = {
  gzip: () => zlib.createGunzip(),
  "x-gzip": () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * The Request that openapi-fetch builds when this transport is used without middleware: it only holds what
 * node:http needs. Never exposed to middleware (which always sees a real Request).
 */
class NodeRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;

  constructor(input: string, init: { method?: string; headers?: HeadersInit; body?: unknown; signal?: AbortSignal } = {}) {
    this.url = input;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body === undefined || init.body === null ? undefined : String(init.body);
    this.signal = init.signal ?? undefined;
  }
}

/** What a request got back: status, headers and the whole body, decoded. */
type Answer = { status: number; statusText: string; headers: http.IncomingHttpHeaders; text: string };

/** The parts of a Response that openapi-fetch and the client read (ok, status, headers.get, body, text). */
class NodeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  /** Non-null when there is a body: openapi-fetch's `parseAs: "stream"` hands it on as the data. */
  readonly body: object | null;
  private readonly bodyText: string;

  constructor(answer: Answer) {
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.ok = answer.status >= 200 && answer.status < 300;
    this.body = answer.text === "" ? null : {};
    this.bodyText = answer.text;
    this.headers = {
      get: (name) => {
        const value = answer.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : String(value);
      },
    };
  }

  text(): Promise<string> {
    return Promise.resolve(this.bodyText);
  }
}

/** An AbortError like fetch's, so that callers tell an abort from a network failure the same way. */
function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error && signal.reason.name === "AbortError"
    ? signal.reason
    : new DOMException("This operation was aborted", "AbortError");
}

/** A transport over node:http and node:https with keep-alive agents. */
export function createNodeTransport(options: NodeTransportOptions = {}): UserApiTransport & { close(): void } {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, timeout: options.idleTimeoutMs ?? 4_000 };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

  /** Sends one request and reads the whole body, following redirects like fetch's `redirect: "follow"`. */
  function send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
    signal: AbortSignal | undefined,
    limit: number,
    redirects: number,
  ): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const protocol = url.protocol === "https:" ? https : http;
      const agent = agents[url.protocol as "http:" | "https:"];
      if (!agent) return reject(new TypeError(`unsupported protocol ${url.protocol}`));
      const request = protocol.request(url, { method, headers, agent });
      const onAbort = () => request.destroy(abortError(signal!));
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      const fail = (error: unknown) => {
        done();
        reject(error);
      };
      request.on("error", fail);
      request.on("response", (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (location && [301, 302, 303, 307, 308].includes(status)) {
          response.resume();
          done();
          if (redirects >= MAX_REDIRECTS) return reject(new TypeError("redirect count exceeded"));
          const next = new URL(location, url);
          const toGet = status === 303 || ((status === 301 || status === 302) && method === "POST");
          const nextHeaders = { ...headers };
          if (toGet) for (const name of Object.keys(nextHeaders)) if (/^content-/i.test(name)) delete nextHeaders[name];
          // Credentials never follow a redirect to another origin (as in fetch).
          if (next.origin !== url.origin) for (const name of Object.keys(nextHeaders)) if (/^(authorization|cookie)$/i.test(name)) delete nextHeaders[name];
          send(next, toGet ? "GET" : method, nextHeaders, toGet ? undefined : body, signal, limit, redirects + 1).then(resolve, reject);
          return;
        }
        const contentType = response.headers["content-type"];
        const declared = Number(response.headers["content-length"]);
        if (declared > limit) {
          response.destroy();
          return fail(new ResponseTooLarge(status, contentType, limit));
        }
        const chunks: Buffer[] = [];
        let received = 0;
        // Compressed bodies are decoded as fetch does; the limit counts decoded bytes.
        const encoding = String(response.headers["content-encoding"] ?? "").trim().toLowerCase();
        const decoder = decoders[encoding]?.();
        const stream: Readable = decoder ? response.pipe(decoder) : response;
        if (decoder) decoder.on("error", (error) => fail(Object.assign(error, { code: (error as NodeJS.ErrnoException).code ?? "Z_DATA_ERROR" })));
        stream.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received <= limit) return void chunks.push(chunk);
          // Rejects first, so that the reset that destroy() causes is not reported instead.
          fail(new ResponseTooLarge(status, contentType, limit));
          response.destroy();
        });
        response.on("error", fail);
        stream.on("end", () => {
          done();
          if (!response.complete) return reject(Object.assign(new Error("the connection closed before the body was complete"), { code: "ECONNRESET" }));
          const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8");
          // As fetch's text(): a UTF-8 byte order mark is not part of the text.
          resolve({ status, statusText: response.statusMessage ?? "", headers: response.headers, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
        });
        response.on("aborted", () => fail(Object.assign(new Error("the connection was reset while the body was read"), { code: "ECONNRESET" })));
      });
      request.end(body);
    });
  }

  /** Request headers as node:http takes them, with the body's length. */
  function requestHeaders(headers: Headers, body: string | Buffer | undefined): Record<string, string> {
    const out: Record<string, string> = { "accept-encoding": ACCEPT_ENCODING };
    headers.forEach((value, name) => {
      out[name] = value;
    });
    if (body !== undefined) out["content-length"] = String(Buffer.byteLength(body));
    return out;
  }

  /** Sends a Request-shaped object (ours or a real one) with its body as read. */
  const sendRequest = (request: NodeRequest | Request, body: string | Buffer | undefined, maxResponseBytes: number) =>
    send(new URL(request.url), request.method, requestHeaders(request.headers, body), body, request.signal ?? undefined, maxResponseBytes, 0);

  return {
    Request: NodeRequest as unknown as typeof Request,
    async fetch(request, { maxResponseBytes }) {
      if (request instanceof NodeRequest) {
        const light = request as NodeRequest;
        return new NodeResponse(await sendRequest(light, light.body, maxResponseBytes)) as unknown as Response;
      }
      // A real Request (middleware is registered): read it whole, answer with a real Response.
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      const answer = await sendRequest(request, body, maxResponseBytes);
      const nullBody = nullBodyStatuses.has(answer.status);
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      // The body is already decoded text: its encoding and length no longer apply.
      responseHeaders.delete("content-encoding");
      responseHeaders.delete("content-length");
      return new Response(nullBody ? null : answer.text, { status: answer.status, statusText: answer.statusText, headers: responseHeaders });
    },
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
