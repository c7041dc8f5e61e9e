// Caps how many bytes of a response body are read, so that a runaway answer cannot exhaust memory.

/** Thrown inside fetch when a body is over the limit; the call turns it into a UserApiResponseError. */
export class ResponseTooLarge extends Error {
  constructor(
    readonly status: number,
    readonly contentType: string | undefined,
    readonly limit: number,
  ) {
    super(`the response body is larger than maxResponseBytes (${limit} bytes)`);
  }
}

/**
 * The largest body the client can read: V8's longest string (2^29 - 24 characters on 64-bit; a body of that
 * many UTF-8 bytes never decodes to more characters). A longer body could only fail with ERR_STRING_TOO_LONG.
 */
export const MAX_BODY_BYTES = 2 ** 29 - 24;

/** Statuses whose Response may not be built with a body. */
export const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * A response whose body fails past `limit` bytes: at once when Content-Length says so, else while streaming
 * (chunked or compressed answers, counted as decoded). Only an uncompressed answer that declares a length within
 * the limit passes through untouched.
 */
export async function capResponseSize(response: Response, limit: number): Promise<Response> {
  // A 204, 205 or 304 has no body whatever its Content-Length says (fetch gives it none to read).
  if (!response.body || nullBodyStatuses.has(response.status)) return response;
  const contentType = response.headers.get("Content-Type") ?? undefined;
  const declared = response.headers.get("Content-Length");
  if (declared !== null && /^\d+$/.test(declared)) {
    if (Number(declared) > limit) {
      await response.body?.cancel().catch(() => undefined);
      throw new ResponseTooLarge(response.status, contentType, limit);
    }
    // Content-Length counts the bytes on the wire: a compressed body may inflate far past it (1 MB of gzip to GBs).
    if (!response.headers.has("Content-Encoding")) return response;
  }
  let received = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) controller.error(new ResponseTooLarge(response.status, contentType, limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status: response.status, statusText: reasonPhrase(response.statusText), headers: response.headers });
}

/**
 * A reason phrase that `new Response` accepts (HTAB, SP, visible ASCII and obs-text only): HTTP parsers take
 * control characters there that the Response constructor refuses, and a valid answer must not fail for its label.
 */
export function reasonPhrase(statusText: string): string {
  return statusText.replace(/[^\t\x20-\x7e\x80-\xff]/g, "");
}
