// One operation call, from arguments to data or a typed error: check, send (with timeout and deadline), retry, parse.
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import type { WebApiError } from "../generated/operations.js";
import { headerValueProblem } from "./auth.js";
import { parseHttpDate } from "./http-date.js";
import {
  UserApiAbortError,
  UserApiError,
  UserApiHttpError,
  UserApiNetworkError,
  UserApiRequestError,
  UserApiResponseError,
  UserApiTimeoutError,
  preview,
  type UserApiErrorDetails,
} from "./errors.js";
import type { CallOptions, OperationInfo, RetryPolicy } from "./operation-types.js";
import { checkCallOptions } from "./options.js";
import { createRedactor, redactValue, type Redactor } from "./redact.js";
import { bodySecrets, serializeBody } from "./request-body.js";
import { ResponseTooLarge } from "./response-limit.js";
import { gotNoAnswer, type AbortWatch, type UserApiTransport } from "./transport.js";

/** What a client shares with each of its calls. */
export type CallContext = {
  fetchClient: Client<paths>;
  /** The transport's light Request class and abort controller for this call (undefined: real Request and AbortController). */
  lightPath: () => Pick<UserApiTransport, "Request" | "AbortController"> | undefined;
  timeoutMs: number;
  /** The longest a call may take, all attempts and waits together; undefined: no such limit. */
  deadlineMs?: number | undefined;
  retry: RetryPolicy;
  /** The client's own secrets: password, its Basic encoding, tickets, tokens. */
  secrets: readonly string[];
};

type PreparedRequest = {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  /** The body as given, and as serialised (once) for the wire; both undefined when the call sends none. */
  body: unknown;
  bodyText: string | undefined;
};

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);
const ERROR_BODY_LIMIT = 4096;
const idempotentMethods = new Set(["get", "head", "put", "delete", "options", "trace"]);

/** Checks the arguments against the operation and turns them into openapi-fetch params; throws before sending. */
export function prepareRequest(info: OperationInfo, args: Record<string, any>, details: UserApiErrorDetails): PreparedRequest {
  const refuse = (problem: string): never => {
    throw new UserApiRequestError(problem, details);
  };
  if (!args || typeof args !== "object") refuse(`the first argument must be an object, got ${typeof args}`);
  const path: Record<string, unknown> = {};
  for (const param of info.pathParams ?? []) {
    const value = args[param.name];
    if (value === undefined || value === null) refuse(`path parameter '${param.name}' is missing`);
    if (param.type === "integer") {
      const min = Math.max(param.minimum ?? INT32_MIN, param.format === "int32" ? INT32_MIN : -Infinity);
      const max = Math.min(param.maximum ?? INT32_MAX, param.format === "int32" ? INT32_MAX : Infinity);
      if (!Number.isInteger(value) || value < min || value > max) {
        refuse(`path parameter '${param.name}' must be an integer from ${min} to ${max}, got ${preview(JSON.stringify(value) ?? String(value), 40)}`);
      }
    }
    path[param.name] = value;
  }
  if (info.body === "required" && (args.body === undefined || args.body === null)) {
    refuse("a request body is required (the server would answer 400 'Entity to save is not in request body')");
  }
  const query: Record<string, unknown> = { ...(args.query ?? {}) };
  for (const name of info.requiredQuery ?? []) {
    if (query[name] === undefined || query[name] === null) refuse(`query parameter '${name}' is missing (pass it as query: { ${name}: ... })`);
  }
  if (args.select !== undefined) {
    if (!info.select) refuse("this operation takes no select");
    query.$select = Array.isArray(args.select) ? args.select.join(",") : String(args.select);
  }
  const body = info.body ? args.body : undefined;
  if (body === undefined) return { path, query, body, bodyText: undefined };
  const serialized = serializeBody(body);
  if (serialized.problem !== undefined) refuse(serialized.problem);
  return { path, query, body, bodyText: serialized.text };
}

/**
 * The media type of a body when it is not plain JSON: on PATCH an array is a JSON Patch and an object a
 * merge patch, as the server reads them. Undefined means openapi-fetch's `application/json`.
 */
export function bodyContentType(info: OperationInfo, body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (Array.isArray(body)) return info.patchMediaTypes?.find((type) => type === "application/json-patch+json");
  if (typeof body === "object") return info.patchMediaTypes?.find((type) => type === "application/merge-patch+json");
  return undefined;
}

/** Serialises query parameters, keeping `$` and `,` readable ($select=Name,UserName). */
export function serializeQuery(query: Record<string, unknown>): string {
  return Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => {
      const text = Array.isArray(value) ? value.join(",") : String(value);
      return `${encodeURIComponent(key).replace(/^%24/, "$")}=${encodeURIComponent(text).replace(/%2C/gi, ",")}`;
    })
    .join("&");
}

/** A header name as HTTP allows it (an RFC 9110 token); fetch throws a TypeError on any other. */
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Checks per-call headers; the client's own were checked when it was created. */
export function checkHeaders(headers: Record<string, string> | undefined, details: UserApiErrorDetails): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    const problem = headerName.test(name)
      ? headerValueProblem(String(value))
      : "is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)";
    if (problem) throw new UserApiRequestError(`header '${preview(name, 40)}' ${problem}`, details);
  }
}

/** The delay before the next attempt, or undefined when the call must not be repeated. */
export function retryDelay(policy: RetryPolicy, method: string, response: Response, attempt: number): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  if (attempt > policy.retries) return undefined;
  if (!idempotentMethods.has(method) && !policy.retryNonIdempotent) return undefined;
  const retryAfter = retryAfterMs(response.headers.get("Retry-After"));
  const delay = retryAfter ?? policy.baseDelayMs * 2 ** (attempt - 1);
  if (retryAfter !== undefined && retryAfter > policy.maxDelayMs) return undefined;
  return Math.min(delay, policy.maxDelayMs);
}

/**
 * Retry-After in milliseconds, from whole seconds or an HTTP date (IMF-fixdate, RFC 850 or asctime); undefined
 * when absent or anything else, so that a value the client cannot read means backoff, never "retry now".
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const date = parseHttpDate(header, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** Runs one operation call to the end: data, or a UserApiError (a TypeError for options it cannot honour). */
export async function callOperation(
  ctx: CallContext,
  operationId: string,
  info: OperationInfo,
  args: Record<string, any>,
  options: CallOptions = {},
): Promise<unknown> {
  checkCallOptions(options, operationId);
  const details: UserApiErrorDetails = { operationId, method: info.method.toUpperCase(), path: info.path };
  const prepared = prepareRequest(info, args, details);
  checkHeaders(options.headers, details);
  details.path = describePath(info.path, prepared);
  const policy = { ...ctx.retry, ...options.retry };
  const clock = startClock(options.timeoutMs ?? ctx.timeoutMs, options.deadlineMs ?? ctx.deadlineMs);
  // Built only when a call fails: the client's secrets plus the secret fields of this call's body as sent.
  let redactor: Redactor | undefined;
  const redact: Redactor = (text) => (redactor ??= createRedactor([...ctx.secrets, ...bodySecrets(prepared.bodyText)]))(text);
  const idempotent = idempotentMethods.has(info.method);
  let resent = false;
  for (let attempt = 1; ; attempt++) {
    let outcome: Outcome;
    try {
      outcome = await sendOnce(ctx, info, prepared, options, clock, redact, details);
    } catch (error) {
      // A keep-alive socket that the server closed while idle resets before any byte of answer: such an attempt is
      // sent once more per call, whatever the retry policy, and only when idempotent (a POST may have been acted on).
      if (resent || !idempotent || !lostBeforeAnswer.has(error as UserApiNetworkError)) throw error;
      resent = true;
      outcome = await sendOnce(ctx, info, prepared, options, clock, redact, details);
    }
    if (outcome.response.ok) return parseSuccess(outcome.response, outcome.text, redact, details, info.secretAnswer);
    const delay = retryDelay(policy, info.method, outcome.response, attempt);
    // A wait that would end past the deadline is not begun: the answer in hand is the error.
    if (delay === undefined || delay >= clock.remaining()) throw httpError(outcome.response, outcome.error, attempt, redact, details);
    await sleep(delay, options.signal, details);
  }
}

type Outcome = { response: Response; text: string; error: unknown };

/** The time limits of one call: timeoutMs for each attempt, and deadlineMs across them all when set. */
type Clock = { timeoutMs: number; deadlineMs: number | undefined; remaining(): number };

/** Starts counting a call's deadline (none: Infinity remains). */
function startClock(timeoutMs: number, deadlineMs: number | undefined): Clock {
  const endsAt = deadlineMs === undefined ? Infinity : performance.now() + deadlineMs;
  return { timeoutMs, deadlineMs, remaining: () => endsAt - performance.now() };
}

/** Network errors of attempts that got no byte of answer before the connection was reset. */
const lostBeforeAnswer = new WeakSet<UserApiNetworkError>();
const resetCodes = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

/** Sends one attempt through openapi-fetch and reads the body of a 2xx answer, under timeoutMs, the deadline and the caller's signal. */
async function sendOnce(
  ctx: CallContext,
  info: OperationInfo,
  prepared: PreparedRequest,
  options: CallOptions,
  clock: Clock,
  redact: Redactor,
  details: UserApiErrorDetails,
): Promise<Outcome> {
  const light = ctx.lightPath();
  const RequestClass = light?.Request;
  const byDeadline = clock.remaining() < clock.timeoutMs;
  const timeout = light?.AbortController ? new light.AbortController() : new AbortController();
  const timer = setTimeout(() => timeout.abort(), byDeadline ? Math.max(0, clock.remaining()) : clock.timeoutMs);
  const { signal: callerSignal } = options;
  let signal: AbortWatch = timeout.signal;
  let unlink: (() => void) | undefined;
  // A real signal can be combined with the caller's; a light one is linked to it by one listener.
  if (callerSignal && timeout instanceof AbortController) signal = AbortSignal.any([callerSignal, timeout.signal]);
  else if (callerSignal) {
    const onAbort = () => timeout.abort(callerSignal.reason);
    if (callerSignal.aborted) onAbort();
    else {
      callerSignal.addEventListener("abort", onAbort, { once: true });
      unlink = () => callerSignal.removeEventListener("abort", onAbort);
    }
  }
  try {
    const contentType = bodyContentType(info, prepared.body);
    const result = await ctx.fetchClient.request(info.method as "post", info.path as never, {
      params: { path: prepared.path, query: prepared.query },
      body: prepared.bodyText,
      headers: contentType ? { "Content-Type": contentType, ...options.headers } : options.headers,
      signal,
      parseAs: "stream",
      // The transport follows redirects itself, so that no secret header reaches another origin.
      redirect: "manual",
      ...(RequestClass ? { Request: RequestClass } : {}),
    } as never);
    const response = result.response;
    const text = response.ok && result.data !== undefined ? await response.text() : "";
    return { response, text, error: (result as { error?: unknown }).error };
  } catch (cause) {
    if (callerSignal?.aborted) throw new UserApiAbortError(details);
    if (timeout.signal.aborted) {
      throw byDeadline ? new UserApiTimeoutError(clock.deadlineMs!, details, "deadlineMs") : new UserApiTimeoutError(clock.timeoutMs, details);
    }
    if (cause instanceof UserApiError) throw cause;
    if (cause instanceof ResponseTooLarge) {
      const contentType = cause.contentType === undefined ? undefined : redact(cause.contentType);
      throw new UserApiResponseError({ status: cause.status, contentType, received: "", problem: cause.message }, details);
    }
    throw networkError(cause, redact, details);
  } finally {
    clearTimeout(timer);
    unlink?.();
  }
}

/** Turns a fetch failure into a UserApiNetworkError with the low-level reason and code, redacted. */
function networkError(cause: unknown, redact: Redactor, details: UserApiErrorDetails): UserApiNetworkError {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const code = typeof inner?.code === "string" ? inner.code : (cause as { code?: unknown })?.code;
  const reason = typeof inner?.message === "string" ? inner.message : cause instanceof Error ? cause.message : String(cause);
  const error = new UserApiNetworkError(preview(redact(reason)), typeof code === "string" ? code : undefined, details);
  if (typeof code === "string" && resetCodes.has(code) && gotNoAnswer(cause)) lostBeforeAnswer.add(error);
  return error;
}

/**
 * Parses a 2xx body: empty, 204 and a literal `null` give undefined; anything but JSON is an error. An answer that
 * is itself a secret (a new password, a token) is never quoted in that error, since no redactor can know it.
 */
export function parseSuccess(response: Response, text: string, redact: Redactor, details: UserApiErrorDetails, secretAnswer = false): unknown {
  if (response.status === 204 || text.trim() === "") return undefined;
  const header = response.headers.get("Content-Type");
  // The server chose the Content-Type: it goes through the redactor like the body, but only when an error quotes it.
  const invalid = (problem: string) =>
    new UserApiResponseError(
      {
        status: response.status,
        contentType: header === null ? undefined : redact(header),
        received: secretAnswer ? "[secret answer not shown]" : preview(redact(text)),
        problem,
      },
      details,
    );
  if (header && !/[/+]json\b/i.test(header)) throw invalid("expected a JSON body");
  try {
    const value = JSON.parse(text);
    return value === null ? undefined : value;
  } catch {
    throw invalid("the body is not valid JSON");
  }
}

/** Builds the error of a non-2xx answer, with the redacted body. */
function httpError(
  response: Response,
  error: unknown,
  attempts: number,
  redact: Redactor,
  details: UserApiErrorDetails,
): UserApiHttpError {
  let body: WebApiError | string | undefined;
  if (typeof error === "string") body = error === "" ? undefined : redact(error).slice(0, ERROR_BODY_LIMIT);
  else if (error && typeof error === "object" && !Array.isArray(error)) body = redactValue(error, redact) as WebApiError;
  else if (error !== undefined && error !== null) body = redact(JSON.stringify(error)).slice(0, ERROR_BODY_LIMIT);
  const retryAfter = retryAfterMs(response.headers.get("Retry-After"));
  return new UserApiHttpError(
    { status: response.status, statusText: redact(response.statusText), body, attempts, retryAfterMs: retryAfter },
    details,
  );
}

/** The path with its parameters and query filled in, for error messages. */
function describePath(template: string, prepared: PreparedRequest): string {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(prepared.path[name])));
  const query = serializeQuery(prepared.query);
  return query ? `${path}?${query}` : path;
}

/** Waits before a retry; the caller's signal cuts the wait short. */
function sleep(ms: number, signal: AbortSignal | undefined, details: UserApiErrorDetails): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UserApiAbortError(details));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UserApiAbortError(details));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
