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
};

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
