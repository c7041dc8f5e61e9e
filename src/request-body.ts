// Serialises a request body once, before anything is sent, and refuses what JSON cannot carry or the server
// should never be sent: cycles, values JSON.stringify rejects (BigInt), and nesting past MAX_DEPTH.
import { MAX_DEPTH, scanBody } from "./redact.js";

/** The body as sent, or why it cannot be. */
export type SerializedBody = { text: string; problem?: undefined } | { text?: undefined; problem: string };

/** The deepest nesting of arrays and objects in a JSON text (brackets inside strings do not count). */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * JSON.stringify does the work, once per call; only when it fails does the slower walk (scanBody) say why.
 * A text shorter than 2 × MAX_DEPTH characters cannot nest deeper than MAX_DEPTH, so most bodies skip the count.
 */
export function serializeBody(body: unknown): SerializedBody {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    const found = scanBody(body).problem;
    return { problem: found ?? `the body cannot be serialised as JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (text === undefined) return { problem: `the body cannot be serialised as JSON (a ${typeof body} has no JSON form)` };
  if (text.length > 2 * MAX_DEPTH && jsonDepth(text) > MAX_DEPTH) return { problem: `the body is nested deeper than ${MAX_DEPTH} levels` };
  return { text };
}

/** The string values of the secret-named fields of a body as sent, for the redactor of a call that failed. */
export function bodySecrets(text: string | undefined): string[] {
  return text === undefined ? [] : scanBody(JSON.parse(text)).secrets;
}
