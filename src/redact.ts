// Keeps secrets out of everything an error carries: known secret values and secret-named properties.
import { secretPropertyNames } from "../generated/operations.js";

/** What stands in for a removed secret. */
export const REDACTED = "[REDACTED]";

/** Property names that always hold secrets, whatever the carrier: the contract's plus transport ones. */
const secretKeyNames = [...secretPropertyNames, "Authorization", "Password", "SO-AppToken", "X-XSRF-TOKEN"];
const secretKeys = new Set(secretKeyNames.map((k) => k.toLowerCase()));
const keyAlternation = secretKeyNames.map((k) => k.replace(/[-]/g, "\\-")).join("|");

/**
 * Secret-named fields inside text that is not parsed JSON (an HTML page, truncated JSON, an XML fault):
 * a JSON member `"SecretValue": "…"`, an XML element `<SecretValue>…</SecretValue>` and a form field
 * `SecretValue=…`. The value may be cut off by the end of the text.
 */
const secretFieldPatterns: [RegExp, string][] = [
  [new RegExp(`("(?:${keyAlternation})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*(?:"|\\\\?$)`, "gi"), `$1"${REDACTED}"`],
  [new RegExp(`<((?:\\w+:)?(?:${keyAlternation}))(\\s[^>]*)?>[\\s\\S]*?(?:</\\1>|$)`, "gi"), `<$1>${REDACTED}</$1>`],
  [new RegExp(`\\b((?:${keyAlternation})=)[^&\\s]*`, "gi"), `$1${REDACTED}`],
];

/** Secrets shorter than this are not searched for in text: every message would be mangled by them. */
const MIN_SECRET_LENGTH = 4;

/** A function that removes secrets from text: known secret values and the values of secret-named fields. */
export type Redactor = (text: string) => string;

/** Builds a redactor for the secrets this client holds (password, tickets, tokens), plain and as JSON, URLs and HTML write them. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(escapeMarkup(secret));
  }
  // Longest first, so that a secret containing another is removed whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const [pattern, replacement] of secretFieldPatterns) out = out.replace(pattern, replacement);
    for (const form of ordered) out = out.split(form).join(REDACTED);
    return out;
  };
}

/** The text as HTML and XML error pages write it. */
function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`);
}

/** Request headers that carry credentials besides the secret-named ones: they never follow a redirect to another origin. */
const credentialHeaders = new Set(["authorization", "proxy-authorization", "cookie", "so-apptoken", "x-xsrf-token"]);

/** True for a header that this client treats as a secret (auth, app token, XSRF token, cookies, secret-named fields). */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return credentialHeaders.has(lower) || secretKeys.has(lower);
}

/** How deep a body may nest: far beyond any carrier, well below the ~4,000 levels at which JSON.stringify overflows. */
export const MAX_DEPTH = 1000;

/** What stands in for the part of an error body nested deeper than MAX_DEPTH. */
export const TOO_DEEP = "[NESTED TOO DEEP]";

type ScanFrame = { node: unknown; depth: number } | { leave: object };

/**
 * The string values of secret-named properties anywhere in a request body (what must not leak back), or why the
 * body cannot be sent as JSON: a cycle, or nesting past MAX_DEPTH. Iterative, so no body can overflow the stack.
 */
export function scanBody(body: unknown): { secrets: string[]; problem?: string } {
  const secrets: string[] = [];
  // The objects between the root and the node looked at: meeting one again is a cycle (a shared value is not).
  const onPath = new Set<object>();
  const stack: ScanFrame[] = [{ node: body, depth: 1 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ("leave" in frame) {
      onPath.delete(frame.leave);
      continue;
    }
    const { node, depth } = frame;
    if (!node || typeof node !== "object") continue;
    if (onPath.has(node)) return { secrets, problem: "the body contains a cycle (a value that contains itself), which JSON cannot express" };
    if (depth > MAX_DEPTH) return { secrets, problem: `the body is nested deeper than ${MAX_DEPTH} levels` };
    onPath.add(node);
    stack.push({ leave: node });
    for (const [key, item] of Object.entries(node)) {
      if (typeof item === "string" && secretKeys.has(key.toLowerCase())) secrets.push(item);
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return { secrets };
}

/** Sets an own, plain data property: a key such as `__proto__` stays data instead of changing the prototype. */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

type CopyFrame = [source: object, copy: object, depth: number];

/** Puts a redacted copy of `item` at `target[key]`; objects are copied empty and queued to be filled. */
function place(target: object, key: string, item: unknown, depth: number, redact: Redactor, queue: CopyFrame[]): void {
  if (typeof item === "string") return define(target, key, redact(item));
  if (!item || typeof item !== "object") return define(target, key, item);
  if (depth > MAX_DEPTH) return define(target, key, TOO_DEEP);
  const copy = Array.isArray(item) ? [] : {};
  define(target, key, copy);
  queue.push([item, copy, depth]);
}

/**
 * Deep copy of a parsed JSON value with secret-named properties replaced and every string redacted. Iterative;
 * objects nested deeper than MAX_DEPTH become TOO_DEEP, so the copy can always be serialised again.
 */
export function redactValue(value: unknown, redact: Redactor): unknown {
  const holder = {} as { value?: unknown };
  const queue: CopyFrame[] = [];
  place(holder, "value", value, 1, redact, queue);
  while (queue.length > 0) {
    const [source, copy, depth] = queue.pop()!;
    const isArray = Array.isArray(source);
    for (const [key, item] of Object.entries(source)) {
      const name = isArray ? key : redact(key);
      if (!isArray && item != null && secretKeys.has(key.toLowerCase())) define(copy, name, REDACTED);
      else place(copy, name, item, depth + 1, redact, queue);
    }
  }
  return holder.value;
}
