// The fetch path of the client: redirects followed here by the client's own rules (secret headers stay with their
// origin, redirect bodies are dropped), failures before any answer marked, and response sizes capped.
import { nextHop, redirectStatuses } from "./redirects.js";
import { limitResponseSize } from "./response-limit.js";
import { noAnswer } from "./transport.js";

type Fetch = (request: Request) => Promise<Response>;

/** Wraps a fetch: follows redirects by the client's rules and fails bodies over `maxResponseBytes`. */
export function fetchWithLimits(fetchImpl: Fetch, maxResponseBytes: number): Fetch {
  return limitResponseSize((request) => followRedirects(fetchImpl, request), maxResponseBytes);
}

/** Sends one request; a failure before any answer is marked, so that an idempotent call may be sent again. */
async function sendMarked(fetchImpl: Fetch, request: Request): Promise<Response> {
  try {
    return await fetchImpl(request);
  } catch (error) {
    throw noAnswer(error);
  }
}

/** A browser's fetch hides where a manual redirect goes; following it blind could leak secret headers. */
function opaqueRedirect(): TypeError {
  const message = "the server redirected, and this fetch does not say where to (an opaque redirect); not followed";
  return Object.assign(new TypeError(message), { code: "ERR_OPAQUE_REDIRECT" });
}

/** Sends a request and follows its redirects (fetch's own "follow" would send SO-AppToken and X-XSRF-TOKEN along). */
async function followRedirects(fetchImpl: Fetch, request: Request): Promise<Response> {
  let current = request.redirect !== "manual" && request instanceof Request ? new Request(request, { redirect: "manual" }) : request;
  // A 307 or 308 sends the body again: keep a copy before the first send reads it.
  const spare = current.body ? current.clone() : undefined;
  let body: ArrayBuffer | undefined;
  for (let redirects = 0; ; redirects++) {
    const response = await sendMarked(fetchImpl, current);
    if (response.type === "opaqueredirect") throw opaqueRedirect();
    const location = response.headers.get("Location");
    if (!redirectStatuses.has(response.status) || location === null) return response;
    // Nobody reads a redirect's body: cancelling it stops one that never ends.
    response.body?.cancel().catch(() => undefined);
    const from = { url: new URL(current.url), method: current.method, headers: Object.fromEntries(current.headers), withBody: !!spare };
    const hop = nextHop(from, response.status, location, redirects);
    body = hop.withBody ? (body ?? (await spare!.arrayBuffer())) : undefined;
    current = new Request(hop.url, { method: hop.method, headers: hop.headers, body, signal: current.signal, redirect: "manual" });
  }
}
