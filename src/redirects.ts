// What both transports do with a redirect: fetch's rules for `redirect: "follow"`, plus one of ours: every header
// this client treats as a secret stays with its origin (fetch itself drops only Authorization and Cookie).
import { preview } from "./errors.js";
import { isSecretHeader } from "./redact.js";

/** Statuses that send the client on to their Location. */
export const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** How many redirects one call follows, as fetch. */
export const MAX_REDIRECTS = 20;

/** A request as the redirect rules see it; `withBody` says whether its body is sent along. */
export type Hop = { url: URL; method: string; headers: Record<string, string>; withBody: boolean };

/** Why a redirect is not followed, with a code in the style of Node's errors. */
function redirectError(message: string, code: string): TypeError {
  return Object.assign(new TypeError(message), { code });
}

/** The request to send after a redirect answer; throws a TypeError with a `code` when it must not be followed. */
export function nextHop(from: Hop, status: number, location: string, redirects: number): Hop {
  if (redirects >= MAX_REDIRECTS) throw redirectError(`redirect count exceeded (more than ${MAX_REDIRECTS} redirects)`, "ERR_TOO_MANY_REDIRECTS");
  let url: URL;
  try {
    url = new URL(location, from.url);
  } catch {
    throw redirectError(`the redirect's Location is not a valid URL: ${JSON.stringify(preview(location, 80))}`, "ERR_INVALID_URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw redirectError(`the redirect goes to a ${url.protocol} URL; only http: and https: are followed`, "ERR_INVALID_REDIRECT");
  }
  // As fetch: after a 303 (but of a GET or HEAD), and after a 301 or 302 of a POST, a GET without the body follows.
  const toGet = (status === 303 && from.method !== "GET" && from.method !== "HEAD") || ((status === 301 || status === 302) && from.method === "POST");
  const crossOrigin = url.origin !== from.url.origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(from.headers)) {
    if (toGet && /^content-/i.test(name)) continue;
    if (crossOrigin && (isSecretHeader(name) || /^host$/i.test(name))) continue;
    headers[name] = value;
  }
  return { url, method: toGet ? "GET" : from.method, headers, withBody: from.withBody && !toGet };
}
