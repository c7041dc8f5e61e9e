// Checks the options of a client and of a call, so that a value the client cannot honour fails at once with a
// TypeError instead of misbehaving later: NaN retries never stop, a timer above 2^31-1 ms fires after 1 ms.
import { MAX_BODY_BYTES } from "./response-limit.js";

/** The longest delay setTimeout keeps; a longer one fires at once (with a TimeoutOverflowWarning on Node). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The most retries a policy may ask for: beyond this a caller wants deadlineMs, not more attempts. */
export const MAX_RETRIES = 10;

/** What a rule accepts, said the way an error message ends: "must be <accepts>". */
type Rule = { accepts: string; test: (value: unknown) => boolean };

const wholeNumber = (min: number, max: number, unit: string): Rule => ({
  accepts: `a whole number${unit} from ${min} to ${max}`,
  test: (value) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
});
const delay: Rule = {
  accepts: `a number of milliseconds from 0 up to ${MAX_TIMER_MS}`,
  test: (value) => typeof value === "number" && value >= 0 && value <= MAX_TIMER_MS,
};
const boolean: Rule = { accepts: "true or false", test: (value) => typeof value === "boolean" };
const milliseconds = wholeNumber(1, MAX_TIMER_MS, " of milliseconds");

const timeRules: Record<string, Rule> = { timeoutMs: milliseconds, deadlineMs: milliseconds };
const retryRules: Record<string, Rule> = {
  retries: wholeNumber(0, MAX_RETRIES, ""),
  baseDelayMs: delay,
  maxDelayMs: delay,
  retryNonIdempotent: boolean,
};

/** A value as an error message shows it: numbers as written, anything else by its type (it may be a secret). */
function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a${/^[aeiou]/.test(typeof value) ? "n" : ""} ${typeof value}`;
}

/** Throws a TypeError naming the first option that breaks its rule. */
function checkRules(where: string, options: Record<string, unknown>, rules: Record<string, Rule>, prefix = ""): void {
  for (const [name, rule] of Object.entries(rules)) {
    const value = options[name];
    if (value !== undefined && !rule.test(value)) {
      throw new TypeError(`${where}: ${prefix}${name} must be ${rule.accepts}, got ${describe(value)}`);
    }
  }
}

/** Checks the time limits and the retry policy that a client and a call share. */
function checkLimits(where: string, options: Record<string, unknown>): void {
  checkRules(where, options, timeRules);
  const retry = options.retry;
  if (retry === undefined) return;
  if (!retry || typeof retry !== "object" || Array.isArray(retry)) throw new TypeError(`${where}: retry must be an object, got ${describe(retry)}`);
  checkRules(where, retry as Record<string, unknown>, retryRules, "retry.");
}

/** Why a base URL cannot be used, or undefined. Credentials, a query or a fragment would leak or be lost. */
function baseUrlProblem(baseUrl: unknown): string | undefined {
  const example = "for example https://online.superoffice.com/Cust12345/api/v1";
  if (typeof baseUrl !== "string" || !/^https?:\/\//i.test(baseUrl)) return `baseUrl must be an http(s) URL, ${example}`;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `baseUrl must be an http(s) URL that parses, ${example}`;
  }
  // Shown without what may be secret: user info, query and fragment.
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.username || url.password) return `baseUrl must not contain a user name or password (pass them as auth), got ${shown} with them`;
  if (url.search) return `baseUrl must not have a query string (pass query parameters per call), got ${shown} with one`;
  if (url.hash || baseUrl.includes("#")) return `baseUrl must not have a fragment (#...), got ${shown} with one`;
  return undefined;
}

/** Checks createUserApiClient's options; throws a TypeError that names the broken rule. */
export function checkClientOptions(options: unknown): void {
  const where = "createUserApiClient";
  if (!options || typeof options !== "object") throw new TypeError(`${where}: options must be an object with a baseUrl`);
  const record = options as Record<string, unknown>;
  const problem = baseUrlProblem(record.baseUrl);
  if (problem) throw new TypeError(`${where}: ${problem}`);
  checkRules(where, record, { maxResponseBytes: wholeNumber(1, MAX_BODY_BYTES, " of bytes") });
  checkLimits(where, record);
}

/** Checks one call's options; throws a TypeError that names the operation and the broken rule. */
export function checkCallOptions(options: unknown, operationId: string): void {
  if (options === undefined) return;
  if (!options || typeof options !== "object") throw new TypeError(`${operationId}: call options must be an object, got ${describe(options)}`);
  const record = options as Record<string, unknown>;
  checkLimits(operationId, record);
  const { signal, headers } = record as { signal?: { aborted?: unknown; addEventListener?: unknown }; headers?: unknown };
  if (signal !== undefined && (typeof signal?.aborted !== "boolean" || typeof signal.addEventListener !== "function")) {
    throw new TypeError(`${operationId}: signal must be an AbortSignal, got ${describe(signal)}`);
  }
  if (headers !== undefined && (!headers || typeof headers !== "object")) {
    throw new TypeError(`${operationId}: headers must be an object of header names and values, got ${describe(headers)}`);
  }
}
