// Options that would make the client misbehave (retry for ever, time out at once, wait 25 days) are refused with a
// TypeError, when the client is created and per call; Retry-After values that are not numbers or dates are ignored;
// deadlineMs bounds a call across all its attempts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserApiHttpError, UserApiTimeoutError, type UserApiClientOptions } from "../src/index.js";
import { createUserApiClient } from "./helpers/client-under-test.js";
import { startHttpServer } from "./helpers/http-server.js";
import { rejection } from "./helpers/settle.js";

let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());

const api = (options: Partial<UserApiClientOptions> = {}) => createUserApiClient({ baseUrl: server.url, ...options });
const longDays: Record<string, string> = { Mon: "Monday", Tue: "Tuesday", Wed: "Wednesday", Thu: "Thursday", Fri: "Friday", Sat: "Saturday", Sun: "Sunday" };
const busy = (retryAfter: string) =>
  server.handle((_req, res) => res.writeHead(503, { "Content-Type": "application/json", "Retry-After": retryAfter }).end('{"Message":"busy"}'));

/** Options the client cannot honour, each with the rule its error must name. */
const badOptions: [string, Record<string, unknown>, RegExp][] = [
  ["retry.retries NaN", { retry: { retries: Number.NaN } }, /retry\.retries must be a whole number from 0 to 10, got NaN/],
  ["retry.retries -1", { retry: { retries: -1 } }, /retry\.retries must be/],
  ["retry.retries 1.5", { retry: { retries: 1.5 } }, /retry\.retries must be/],
  ["retry.retries 1e9", { retry: { retries: 1e9 } }, /retry\.retries must be/],
  ["retry.maxDelayMs 2**32", { retry: { maxDelayMs: 2 ** 32 } }, /retry\.maxDelayMs must be .* up to 2147483647, got 4294967296/],
  ["retry.baseDelayMs -5", { retry: { baseDelayMs: -5 } }, /retry\.baseDelayMs must be/],
  ["retry.retryNonIdempotent 'yes'", { retry: { retryNonIdempotent: "yes" } }, /retry\.retryNonIdempotent must be true or false, got a string/],
  ["retry 3", { retry: 3 }, /retry must be an object/],
  ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs must be a whole number of milliseconds from 1 to 2147483647, got Infinity/],
  ["timeoutMs 0", { timeoutMs: 0 }, /timeoutMs must be/],
  ["timeoutMs -1", { timeoutMs: -1 }, /timeoutMs must be/],
  ["timeoutMs 3e9", { timeoutMs: 3e9 }, /timeoutMs must be .*got 3000000000/],
  ["timeoutMs '500'", { timeoutMs: "500" }, /timeoutMs must be .*got a string/],
  ["deadlineMs 0", { deadlineMs: 0 }, /deadlineMs must be/],
  ["deadlineMs 2**31", { deadlineMs: 2 ** 31 }, /deadlineMs must be/],
];

describe("options that are refused", () => {
  it.each(badOptions)("%s, when the client is created", (_label, options, rule) => {
    expect(() => api(options as Partial<UserApiClientOptions>)).toThrow(TypeError);
    expect(() => api(options as Partial<UserApiClientOptions>)).toThrow(rule);
  });

  it.each(badOptions)("%s, per call: rejects, nothing is sent", async (_label, options, rule) => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{}"));
    const error = await rejection(api().getUser({ id: 5 }, options as never));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(rule);
    expect(error.message).toMatch(/^getUser: /);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["maxResponseBytes 0", { maxResponseBytes: 0 }, /maxResponseBytes must be a whole number of bytes from 1 to 536870888, got 0/],
    ["maxResponseBytes 1 GiB (longer than any string JavaScript can build)", { maxResponseBytes: 2 ** 30 }, /maxResponseBytes must be .*got 1073741824/],
    ["maxResponseBytes 1.5", { maxResponseBytes: 1.5 }, /maxResponseBytes must be/],
  ])("%s, when the client is created", (_label, options, rule) => {
    expect(() => api(options)).toThrow(TypeError);
    expect(() => api(options)).toThrow(rule);
  });

  it("the largest values allowed are accepted", async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"AssociateId":5}'));
    const limits = { timeoutMs: 2 ** 31 - 1, deadlineMs: 2 ** 31 - 1, maxResponseBytes: 536_870_888 };
    const retry = { retries: 10, baseDelayMs: 0, maxDelayMs: 2 ** 31 - 1, retryNonIdempotent: true };
    await expect(api({ ...limits, retry }).getUser({ id: 5 }, { timeoutMs: 5_000, retry: { retries: 0 } })).resolves.toEqual({ AssociateId: 5 });
  });
});

describe("Retry-After values that are neither seconds nor an HTTP date", () => {
  // Near misses of an HTTP date that Date.parse reads anyway, as a day long past ("retry now"): "Mon 1" is 2001.
  const notDates = ["Mon 1", "Mon, 1", "Tue 2 3", "Sun, 06 Nov 1994", "Sun, 31 Feb 2030 08:49:37 GMT", "Sunday 06-Nov-94", "2030-01-01T00:00:00Z", "Mon, 06 Nov 2030 08:49:37 PST"];
  it.each(["-1", "1.5", "soon", "0", ...notDates])("Retry-After %j", async (value) => {
    busy(value);
    const error = (await rejection(api({ retry: { retries: 1, baseDelayMs: 1 } }).updateUser({ id: 5, body: {} }))) as UserApiHttpError;
    // Read as a date before ("-1" is the year -1): a past date meant "retry at once".
    expect(error.retryAfterMs).toBe(value === "0" ? 0 : undefined);
    expect(server.requests).toHaveLength(2);
  });

  it("an HTTP date is still read", async () => {
    busy(new Date(Date.now() + 3_600_000).toUTCString());
    const error = (await rejection(api().updateUser({ id: 5, body: {} }))) as UserApiHttpError;
    expect(error.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ["IMF-fixdate", (d: Date) => d.toUTCString()],
    ["RFC 850", (d: Date) => d.toUTCString().replace(/^(\w+), (\d\d) (\w+) \d\d(\d\d)/, (_, w: string, dd, mon, yy) => `${longDays[w]}, ${dd}-${mon}-${yy}`)],
    ["asctime", (d: Date) => d.toUTCString().replace(/^(\w+), (\d\d) (\w+) (\d{4}) ([\d:]+) GMT$/, (_, w, dd: string, mon, yyyy, t) => `${w} ${mon} ${dd.replace(/^0/, " ")} ${t} ${yyyy}`)],
  ])("an HTTP date in the %s form is read", async (_form, format) => {
    busy(format(new Date(Date.now() + 3_600_000)));
    const error = (await rejection(api().updateUser({ id: 5, body: {} }))) as UserApiHttpError;
    expect(error.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });
});

describe("deadlineMs: one limit across all attempts", () => {
  it("a retry whose wait would pass the deadline is not made", async () => {
    busy("2");
    const error = (await rejection(api({ deadlineMs: 1_000, retry: { retries: 2 } }).updateUser({ id: 5, body: {} }))) as UserApiHttpError;
    expect(error).toBeInstanceOf(UserApiHttpError);
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("slow 503 answers stop at the deadline with a timeout that names it", async () => {
    server.handle((_req, res) => {
      setTimeout(() => res.writeHead(503, { "Retry-After": "0" }).end(), 150);
    });
    const error = (await rejection(
      api({ timeoutMs: 300, retry: { retries: 10 } }).updateUser({ id: 5, body: {} }, { deadlineMs: 400 }),
    )) as UserApiTimeoutError;
    expect(error).toBeInstanceOf(UserApiTimeoutError);
    expect(error).toMatchObject({ kind: "timeout", limit: "deadlineMs", timeoutMs: 400 });
    expect(error.message).toContain("deadlineMs");
    expect(server.requests.length).toBeLessThan(5);
  });

  it("a per-call timeoutMs still ends one attempt on its own", async () => {
    server.handle(() => undefined);
    const error = (await rejection(api({ deadlineMs: 60_000 }).getUser({ id: 5 }, { timeoutMs: 100 }))) as UserApiTimeoutError;
    expect(error).toMatchObject({ kind: "timeout", limit: "timeoutMs", timeoutMs: 100 });
  });
});
