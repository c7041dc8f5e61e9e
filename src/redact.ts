// Keeps secrets out of everything an error carries: known secret values and secret-named properties.
import { secretPropertyNames } from "../generated/operations.js";

/** What stands in for a removed secret. */
export const REDACTED = "[REDACTED]";

/** Property names that always hold secrets, whatever the carrier: the contract's plus transport ones. */
const secretKeys = new Set(
  [...secretPropertyNames, "Authorization", "Password", "Ticket", "SO-AppToken", "X-XSRF-TOKEN"].map((k) =>
    k.toLowerCase(),
  ),
);

/** Secrets shorter than this are not searched for in text: every message would be mangled by them. */
const MIN_SECRET_LENGTH = 4;

/** A function that removes the given secret values, in plain, URL-encoded and JSON-escaped form, from text. */
export type Redactor = (text: string) => string;

/** Builds a redactor for the secrets this client holds (password, tickets, tokens, their encodings). */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so that a secret containing another is removed whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const form of ordered) out = out.split(form).join(REDACTED);
    return out;
  };
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
