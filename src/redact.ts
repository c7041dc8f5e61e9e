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

/** The string values of secret-named properties anywhere in a value: what a request body must not leak. */
export function secretValuesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) secretValuesIn(item, found);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "string" && secretKeys.has(key.toLowerCase())) found.push(item);
      else secretValuesIn(item, found);
    }
  }
  return found;
}

/** Deep copy of a parsed JSON value with secret-named properties replaced and every string redacted. */
export function redactValue(value: unknown, redact: Redactor): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[redact(key)] = secretKeys.has(key.toLowerCase()) && item != null ? REDACTED : redactValue(item, redact);
    }
    return out;
  }
  return value;
}
