// The typed errors of the client. Every failed call rejects with a UserApiError; `kind` tells which one.
import type { WebApiError } from "../generated/operations.js";

/** How a call failed. */
export type UserApiErrorKind = "http" | "timeout" | "aborted" | "network" | "invalid-response" | "invalid-request";

/** What every error of this client carries. None of it ever holds a credential, ticket or password. */
export type UserApiErrorDetails = {
  operationId: string | undefined;
  method: string | undefined;
  /** The path called, with its query string; no credentials are ever part of it. */
  path: string | undefined;
};

/** Base class of every error this client throws. */
export class UserApiError extends Error {
  override name = "UserApiError";
  readonly kind: UserApiErrorKind;
  readonly operationId: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(kind: UserApiErrorKind, message: string, details: UserApiErrorDetails) {
    super(message);
    this.kind = kind;
    this.operationId = details.operationId;
    this.method = details.method;
    this.path = details.path;
  }

  /** A plain object for logs: what `JSON.stringify(error)` writes. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** The server answered with a status outside 2xx. */
export class UserApiHttpError extends UserApiError {
  override name = "UserApiHttpError";
  declare readonly kind: "http";
  readonly status: number;
  readonly statusText: string;
  /** The error body: the parsed SuperOffice error when it was JSON, else the text (redacted, cut at 4 kB). */
  readonly body: WebApiError | string | undefined;
  /** The server's own message (`Message` of a SuperOffice error body), when there is one. */
  readonly serverMessage: string | undefined;
  /** How many attempts were made, retries included. */
  readonly attempts: number;
  /** The server's Retry-After, in milliseconds, when it sent one (429 and 503). */
  readonly retryAfterMs: number | undefined;

  constructor(
    init: {
      status: number;
      statusText: string;
      body: WebApiError | string | undefined;
      attempts: number;
      retryAfterMs: number | undefined;
    },
    details: UserApiErrorDetails,
  ) {
    const serverMessage = typeof init.body === "object" && init.body?.Message ? init.body.Message : undefined;
    const shown = serverMessage ?? (typeof init.body === "string" ? preview(init.body) : undefined);
    const head = `${details.operationId ?? "request"} failed with ${init.status} ${init.statusText}`.trimEnd();
    super("http", shown ? `${head}: ${shown}` : head, details);
    this.status = init.status;
    this.statusText = init.statusText;
    this.body = init.body;
    this.serverMessage = serverMessage;
    this.attempts = init.attempts;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The call took longer than its timeout (one attempt) or its deadline (all attempts) and was aborted. */
export class UserApiTimeoutError extends UserApiError {
  override name = "UserApiTimeoutError";
  declare readonly kind: "timeout";
  /** The limit that ran out, in milliseconds. */
  readonly timeoutMs: number;
  /** Which limit ran out: `timeoutMs` of one attempt, or `deadlineMs` of the whole call. */
  readonly limit: "timeoutMs" | "deadlineMs";

  constructor(timeoutMs: number, details: UserApiErrorDetails, limit: "timeoutMs" | "deadlineMs" = "timeoutMs") {
    super("timeout", `${details.operationId ?? "request"} timed out after ${timeoutMs} ms (${limit})`, details);
    this.timeoutMs = timeoutMs;
    this.limit = limit;
  }
}

/** The caller's AbortSignal aborted the call. */
export class UserApiAbortError extends UserApiError {
  override name = "UserApiAbortError";
  declare readonly kind: "aborted";

  constructor(details: UserApiErrorDetails) {
    super("aborted", `${details.operationId ?? "request"} was aborted by the caller`, details);
  }
}

/** No complete answer: connection refused or reset, DNS failure, body cut off. */
export class UserApiNetworkError extends UserApiError {
  override name = "UserApiNetworkError";
  declare readonly kind: "network";
  /** The low-level error code when there is one, for example ECONNREFUSED or UND_ERR_SOCKET. */
  readonly code: string | undefined;

  constructor(reason: string, code: string | undefined, details: UserApiErrorDetails) {
    super("network", `${details.operationId ?? "request"} failed: ${reason}${code ? ` (${code})` : ""}`, details);
    this.code = code;
  }
}

/** A 2xx answer whose body is not what the contract promises: not JSON, or the wrong content type. */
export class UserApiResponseError extends UserApiError {
  override name = "UserApiResponseError";
  declare readonly kind: "invalid-response";
  readonly status: number;
  readonly contentType: string | undefined;
  /** The first bytes of the body received (redacted). */
  readonly received: string;

  constructor(
    init: { status: number; contentType: string | undefined; received: string; problem: string },
    details: UserApiErrorDetails,
  ) {
    super(
      "invalid-response",
      `${details.operationId ?? "request"} got an invalid ${init.status} response: ${init.problem}; ` +
        `content-type ${init.contentType ?? "(none)"}, received ${JSON.stringify(init.received)}`,
      details,
    );
    this.status = init.status;
    this.contentType = init.contentType;
    this.received = init.received;
  }
}

/** The call was refused before anything was sent: a missing body, a bad id, a header that cannot be sent. */
export class UserApiRequestError extends UserApiError {
  override name = "UserApiRequestError";
  declare readonly kind: "invalid-request";

  constructor(problem: string, details: UserApiErrorDetails) {
    super("invalid-request", `${details.operationId ?? "request"} was not sent: ${problem}`, details);
  }
}

/** The first 200 characters of a text, on one line, for messages. */
export function preview(text: string, length = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

/** True for any error thrown by this client. */
export function isUserApiError(value: unknown): value is UserApiError {
  return value instanceof UserApiError;
}
