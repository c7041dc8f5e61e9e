// A Node.js transport for the client: node:http(s) with keep-alive, without building a WHATWG Request and
// Response per call. Browsers, and calls with middleware registered, keep using fetch-compatible objects.
// Bodies are framed, decoded and redirected the way fetch (undici) does it, so that both transports settle every
// answer alike; whatever a callback throws ends as the call's rejection, never as an uncaught exception.
import http from "node:http";
import https from "node:https";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import zlib from "node:zlib";
import { nextHop, redirectStatuses, type Hop } from "./redirects.js";
import { MAX_BODY_BYTES, nullBodyStatuses, reasonPhrase, ResponseTooLarge } from "./response-limit.js";
import { LightAbortController, LightRequest, noAnswer, type AbortWatch, type UserApiTransport } from "./transport.js";

/** Options of createNodeTransport. */
export type NodeTransportOptions = {
  /** Most sockets per host, per protocol (default 64). */
  maxSockets?: number;
  /** How long an idle keep-alive socket is kept, in milliseconds (default 4 000, below common server timeouts). */
  idleTimeoutMs?: number;
};

/** What fetch asks for and decodes. */
const ACCEPT_ENCODING = "gzip, deflate, br";
/** As fetch: an answer with more content codings than this is an error. */
const MAX_CODINGS = 5;
/** A redirect's body up to this size is read to its end, which keeps the socket; any other is destroyed. */
const REDIRECT_BODY_BYTES = 64 * 1024;

// Lenient like fetch (and cURL): a compressed stream cut short gives what could be decoded, not an error.
const zlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const brotliOptions = { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/** Inflates `deflate` whether it comes with its zlib wrapper (as the RFC says) or raw (as some servers send it). */
class AutoInflate extends Transform {
  private inflate: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inflate) {
      if (chunk.length === 0) return callback();
      // A zlib stream starts with a CMF byte whose low four bits say "deflate" (8).
      this.inflate = (chunk[0]! & 0x0f) === 8 ? zlib.createInflate(zlibOptions) : zlib.createInflateRaw(zlibOptions);
      this.inflate.on("data", (data: Buffer) => this.push(data));
      this.inflate.on("error", (error) => this.destroy(error));
    }
    this.inflate.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inflate) return callback();
    this.inflate.once("end", () => callback());
    this.inflate.end();
  }
}

const decoders: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(zlibOptions),
  "x-gzip": () => zlib.createGunzip(zlibOptions),
  deflate: () => new AutoInflate(),
  br: () => zlib.createBrotliDecompress(brotliOptions),
};

/** The decoders for a Content-Encoding, innermost last; none when a coding is unknown (fetch then passes the body on). */
function decodersFor(contentEncoding: string | string[] | undefined): Transform[] {
  const codings = contentEncoding ? String(contentEncoding).toLowerCase().split(",") : [];
  if (codings.length > MAX_CODINGS) {
    throw new Error(`too many content-encodings in response: ${codings.length}, maximum allowed is ${MAX_CODINGS}`);
  }
  const makers = codings.reverse().map((coding) => decoders[coding.trim()]);
  return makers.every((make) => make !== undefined) ? makers.map((make) => make!()) : [];
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
function abortError(signal: AbortWatch): Error {
  return signal.reason instanceof Error && signal.reason.name === "AbortError"
    ? signal.reason
    : new DOMException("This operation was aborted", "AbortError");
}

/** A redirect answer: where to go next (its body is dropped). */
type Moved = { status: number; location: string };

/** How one exchange ends: once, whichever comes first. */
type Settle = { resolve(value: Answer | Moved): void; reject(error: unknown): void };

/** Runs a callback so that whatever it throws rejects the call instead of escaping as an uncaught exception. */
function guarded<A extends unknown[]>(fail: (error: unknown) => void, callback: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      callback(...args);
    } catch (error) {
      fail(error);
    }
  };
}

/** Nobody reads a redirect's body: a small one is read to its end so that the socket is reused, any other destroyed. */
function dropBody(response: http.IncomingMessage): void {
  response.on("error", () => undefined);
  const declared = Number(response.headers["content-length"]);
  if (declared <= REDIRECT_BODY_BYTES) response.resume();
  else response.destroy();
}

/**
 * Resolves a 204, 205 or 304 at its head. node:http frames a 204 (and 304) as bodiless itself, so the socket is
 * kept; a 205 it would read by its Content-Length, which may be a lie of any size: then the socket is closed.
 */
function settleWithoutBody(response: http.IncomingMessage, settle: Settle): void {
  response.on("error", () => undefined);
  const framed = response.complete || response.headers["content-length"] === "0";
  if (framed || response.statusCode !== 205) response.resume();
  else response.destroy();
  settle.resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? "", headers: response.headers, text: "" });
}

/** Reads a whole body, decoded as fetch decodes it, failing past `limit` decoded bytes. */
function readBody(response: http.IncomingMessage, limit: number, settle: Settle): void {
  const status = response.statusCode ?? 0;
  const contentType = response.headers["content-type"];
  const fail = (error: unknown) => {
    // Rejects first, so that the reset that destroy() causes is not reported instead.
    settle.reject(error);
    response.destroy();
  };
  // As fetch: a 204, 205 or 304 has no body, whatever the server sent or declared; the answer is its head.
  if (nullBodyStatuses.has(status)) return settleWithoutBody(response, settle);
  if (Number(response.headers["content-length"]) > limit) return fail(new ResponseTooLarge(status, contentType, limit));
  const chain = decodersFor(response.headers["content-encoding"]);
  for (const decoder of chain) decoder.on("error", (error: NodeJS.ErrnoException) => fail(Object.assign(error, { code: error.code ?? "Z_DATA_ERROR" })));
  const stream = chain.reduce<Readable>((from, to) => from.pipe(to), response);
  const chunks: Buffer[] = [];
  let received = 0;
  stream.on("data", guarded(fail, (chunk: Buffer) => {
    received += chunk.length;
    if (received <= limit) chunks.push(chunk);
    else fail(new ResponseTooLarge(status, contentType, limit));
  }));
  response.on("error", fail);
  response.on("aborted", () => fail(Object.assign(new Error("the connection was reset while the body was read"), { code: "ECONNRESET" })));
  stream.on("end", guarded(fail, () => {
    if (!response.complete) return fail(Object.assign(new Error("the connection closed before the body was complete"), { code: "ECONNRESET" }));
    const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8");
    // As fetch's text(): a UTF-8 byte order mark is not part of the text.
    settle.resolve({ status, statusText: response.statusMessage ?? "", headers: response.headers, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
  }));
}

/** Takes the head of an answer: a redirect hands back its Location (its body dropped), any other answer is read. */
function onResponse(response: http.IncomingMessage, limit: number, settle: Settle): void {
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (location === undefined || !redirectStatuses.has(status)) return readBody(response, limit, settle);
  dropBody(response);
  settle.resolve({ status, location });
}

/** A request to send: where, how, and the body it carries. */
type NodeHop = Hop & { body: string | Buffer | undefined };

/** A transport over node:http and node:https with keep-alive agents. */
export function createNodeTransport(options: NodeTransportOptions = {}): UserApiTransport & { close(): void } {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, timeout: options.idleTimeoutMs ?? 4_000 };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

  /** One request on the wire and its answer, read whole; a redirect comes back as where it points. */
  function exchange(hop: NodeHop, signal: AbortWatch | undefined, limit: number): Promise<Answer | Moved> {
    return new Promise<Answer | Moved>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const agent = agents[hop.url.protocol as "http:" | "https:"];
      if (!agent) return reject(new TypeError(`unsupported protocol ${hop.url.protocol}`));
      const request = (hop.url.protocol === "https:" ? https : http).request(hop.url, { method: hop.method, headers: hop.headers, agent });
      let response: http.IncomingMessage | undefined;
      let settled = false;
      const onAbort = () => request.destroy(abortError(signal!));
      const finish = (end: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        end();
      };
      // A failure before the answer began is marked: an idempotent call may then be sent again.
      const settle: Settle = { resolve: (value) => finish(() => resolve(value)), reject: (error) => finish(() => reject(response ? error : noAnswer(error))) };
      signal?.addEventListener("abort", onAbort, { once: true });
      request.on("error", (error) => {
        // Once the answer is whole, bytes after it (a 204's body, more than Content-Length) only break the socket.
        if (!response?.complete) settle.reject(error);
      });
      const failAnswer = (error: unknown) => {
        request.destroy();
        settle.reject(error);
      };
      request.on("response", guarded(failAnswer, (incoming: http.IncomingMessage) => onResponse((response = incoming), limit, settle)));
      request.end(hop.body);
    });
  }

  /** Sends one request and reads the whole body, following redirects by the rules the fetch path uses too. */
  async function send(hop: NodeHop, signal: AbortWatch | undefined, limit: number): Promise<Answer> {
    for (let redirects = 0; ; redirects++) {
      const answer = await exchange(hop, signal, limit);
      if ("text" in answer) return answer;
      const next = nextHop(hop, answer.status, answer.location, redirects);
      hop = { ...next, body: next.withBody ? hop.body : undefined };
    }
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

  /** Sends a Request-shaped object (ours or a real one) with its body as read; no body is read past MAX_BODY_BYTES. */
  const sendRequest = (request: LightRequest | Request, body: string | Buffer | undefined, maxResponseBytes: number) => {
    const hop = { url: new URL(request.url), method: request.method, headers: requestHeaders(request.headers, body), withBody: body !== undefined, body };
    return send(hop, request.signal ?? undefined, Math.min(maxResponseBytes, MAX_BODY_BYTES));
  };

  return {
    Request: LightRequest as unknown as typeof Request,
    // A LightRequest's signal goes no further than this transport, which listens to it once per request.
    AbortController: LightAbortController,
    async fetch(request, { maxResponseBytes }) {
      if (request instanceof LightRequest) {
        const light = request as LightRequest;
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
      return new Response(nullBody ? null : answer.text, { status: answer.status, statusText: reasonPhrase(answer.statusText), headers: responseHeaders });
    },
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
