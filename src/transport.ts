// The seam between the client and the network: a fetch, or a transport such as the node:http one.

/** What the client hands a transport with each request. */
export type TransportOptions = {
  /** Fail with a too-large error instead of reading more than this many bytes of a body. */
  maxResponseBytes: number;
};

/** A way to send requests: a fetch, plus optionally a lighter Request class for calls without middleware. */
export type UserApiTransport = {
  fetch(request: Request, options: TransportOptions): Promise<Response>;
  /** Used by openapi-fetch instead of the global Request while no middleware is registered. */
  Request?: typeof Request;
  /** The controller whose signal that light Request carries (default: the global AbortController). */
  AbortController?: new () => { readonly signal: AbortWatch; abort(reason?: unknown): void };
};

/**
 * The Request that openapi-fetch builds for a transport while no middleware is registered: only what the transport
 * sends (building a real Request costs about as much as the call, and keeping its body for a 307 means cloning the
 * stream; here the body stays the string it is). Never exposed to middleware, which always sees a real Request.
 */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortWatch | undefined;

  constructor(input: string, init: { method?: string; headers?: Headers | Record<string, string>; body?: unknown; signal?: AbortWatch } = {}) {
    this.url = input;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body === undefined || init.body === null ? undefined : String(init.body);
    this.signal = init.signal ?? undefined;
  }
}

/** Failures that happened before any byte of the answer arrived, as marked by the transports. */
const withoutAnswer = new WeakSet<object>();

/** Marks a transport failure as one before any byte of the answer: an idempotent call may then be sent again. */
export function noAnswer<T>(error: T): T {
  if (error && typeof error === "object") withoutAnswer.add(error);
  return error;
}

/** True when a transport marked this failure as one before any byte of the answer. */
export function gotNoAnswer(error: unknown): boolean {
  return !!error && typeof error === "object" && withoutAnswer.has(error);
}

/**
 * The part of AbortSignal a transport reads: state, reason, and one "abort" listener at a time. A real AbortSignal
 * is one; the client's light one (below) is another.
 */
export type AbortWatch = Pick<AbortSignal, "aborted" | "reason"> & {
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
};

/**
 * A cheaper AbortController for calls whose Request never leaves the client (a transport's light Request): an
 * EventTarget listener costs ~4 µs to add and remove, a slot costs nothing. It holds one listener, which is all a
 * transport attaches per request.
 */
export class LightAbortController {
  readonly signal = new LightAbortSignal();
  abort(reason?: unknown): void {
    this.signal.fire(reason);
  }
}

class LightAbortSignal implements AbortWatch {
  aborted = false;
  reason: unknown = undefined;
  private listener: (() => void) | undefined;

  addEventListener(_type: "abort", listener: () => void): void {
    this.listener = listener;
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    if (this.listener === listener) this.listener = undefined;
  }

  fire(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? new DOMException("This operation was aborted", "AbortError");
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}
