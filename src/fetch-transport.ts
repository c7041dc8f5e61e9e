// The fetch path of the client: redirects followed here by the client's own rules (secret headers stay with their
// origin, redirect bodies are dropped), failures before any answer marked, and response sizes capped.
import { nextHop, redirectStatuses, type Hop } from "./redirects.js";
import { capResponseSize } from "./response-limit.js";
import { LightRequest, noAnswer, type UserApiTransport } from "./transport.js";

type Fetch = (request: Request) => Promise<Response>;

/** Wraps a fetch that takes Requests (the caller's own): follows redirects by the client's rules and fails bodies over `maxResponseBytes`. */
export function fetchWithLimits(fetchImpl: Fetch, maxResponseBytes: number): Fetch {
  return async (request) => capResponseSize(await followRedirects(fetchImpl, request), maxResponseBytes);
}

/** The default transport where there is no node:http: the global fetch, called with a URL and init on the light path. */
export function createFetchTransport(): UserApiTransport {
  const globalFetch: Fetch = (request) => globalThis.fetch(request);
  return {
    Request: LightRequest as unknown as typeof Request,
    async fetch(request, { maxResponseBytes }) {
      const response = request instanceof LightRequest ? await followLight(request) : await followRedirects(globalFetch, request);
      return capResponseSize(response, maxResponseBytes);
    },
  };
}

/** Sends one request; a failure before any answer is marked, so that an idempotent call may be sent again. */
async function sendMarked(send: () => Promise<Response>): Promise<Response> {
  try {
    return await send();
  } catch (error) {
    throw noAnswer(error);
  }
}

/** A browser's fetch hides where a manual redirect goes; following it blind could leak secret headers. */
function opaqueRedirect(): TypeError {
  const message = "the server redirected, and this fetch does not say where to (an opaque redirect); not followed";
  return Object.assign(new TypeError(message), { code: "ERR_OPAQUE_REDIRECT" });
}

/** Where an answer sends the request next, or undefined when it is the answer; a redirect's body is cancelled. */
function redirectedTo(response: Response, from: () => Hop, redirects: number): Hop | undefined {
  if (response.type === "opaqueredirect") throw opaqueRedirect();
  const location = response.headers.get("Location");
  if (!redirectStatuses.has(response.status) || location === null) return undefined;
  // Nobody reads a redirect's body: cancelling it stops one that never ends.
  response.body?.cancel().catch(() => undefined);
  return nextHop(from(), response.status, location, redirects);
}

/** The light path: the global fetch with a URL and init per hop, the body resent from its string after a 307 or 308. */
async function followLight(request: LightRequest): Promise<Response> {
  // The global AbortController's signal: this transport names no light one.
  const signal = request.signal as AbortSignal | undefined;
  let url: string | URL = request.url;
  let method = request.method;
  let headers: Headers | Record<string, string> = request.headers;
  let body = request.body;
  for (let redirects = 0; ; redirects++) {
    const response = await sendMarked(() => globalThis.fetch(url, { method, headers, body, signal, redirect: "manual" }));
    const from = () => ({ url: new URL(url), method, headers: Object.fromEntries(new Headers(headers)), withBody: body !== undefined });
    const hop = redirectedTo(response, from, redirects);
    if (!hop) return response;
    ({ url, method, headers } = hop);
    body = hop.withBody ? body : undefined;
  }
}

/** Sends a real Request and follows its redirects (fetch's own "follow" would send SO-AppToken and X-XSRF-TOKEN along). */
async function followRedirects(fetchImpl: Fetch, request: Request): Promise<Response> {
  let current = request.redirect !== "manual" && request instanceof Request ? new Request(request, { redirect: "manual" }) : request;
  // A 307 or 308 sends the body again: keep a copy before the first send reads it.
  const spare = current.body ? current.clone() : undefined;
  let body: ArrayBuffer | undefined;
  for (let redirects = 0; ; redirects++) {
    const sent = current;
    const response = await sendMarked(() => fetchImpl(sent));
    const from = () => ({ url: new URL(sent.url), method: sent.method, headers: Object.fromEntries(sent.headers), withBody: !!spare });
    const hop = redirectedTo(response, from, redirects);
    if (!hop) return response;
    body = hop.withBody ? (body ?? (await spare!.arrayBuffer())) : undefined;
    current = new Request(hop.url, { method: hop.method, headers: hop.headers, body, signal: sent.signal, redirect: "manual" });
  }
}
