// A keep-alive socket the server has dropped while it was idle: the next call on it gets no byte of answer.
// An idempotent call is then sent once more on a new socket, whatever the retry policy; a POST never is.
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserApiNetworkError } from "../src/index.js";
import { createUserApiClient } from "./helpers/client-under-test.js";
import { startHttpServer } from "./helpers/http-server.js";
import { rejection } from "./helpers/settle.js";

let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());

/**
 * Answers every request, except that it closes, unanswered, the first socket a client reuses: what a client sees
 * when it reuses a socket that the server closed at the same moment. Counts the sockets it dropped.
 */
function dropOneReusedSocket(): { dropped: number } {
  const served = new WeakSet<Socket>();
  const counts = { dropped: 0 };
  server.handle((req, res) => {
    if (served.has(req.socket) && counts.dropped === 0) {
      counts.dropped += 1;
      return void req.socket.destroy();
    }
    served.add(req.socket);
    res.writeHead(200, { "Content-Type": "application/json", Connection: "keep-alive" }).end('{"AssociateId":5}');
  });
  return counts;
}

/** Calls one after another until a call met the dropped socket (and one more); how each call settled. */
async function callsUntilDropped(call: () => Promise<unknown>, counts: { dropped: number }): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  // node:http reuses the socket on the second call; undici's pool may open a second socket first.
  for (let i = 0; i < 10 && (counts.dropped === 0 || outcomes.length < 2); i++) outcomes.push(await call().catch((error: unknown) => error));
  return outcomes;
}

const api = () => createUserApiClient({ baseUrl: server.url, retry: { retries: 0 } });

describe("a reused socket the server dropped", () => {
  it.each([
    ["GET", (client: ReturnType<typeof api>) => client.getUser({ id: 5 })],
    ["PUT", (client: ReturnType<typeof api>) => client.updateUser({ id: 5, body: {} })],
  ])("an idempotent %s is sent once more and succeeds, with retries: 0", async (_method, call) => {
    const counts = dropOneReusedSocket();
    const client = api();
    const outcomes = await callsUntilDropped(() => call(client), counts);
    expect(counts.dropped).toBe(1);
    expect(outcomes).toEqual(outcomes.map(() => ({ AssociateId: 5 })));
    expect(server.requests).toHaveLength(outcomes.length + 1);
  });

  it("a POST is not sent again: it may have been carried out", async () => {
    const counts = dropOneReusedSocket();
    const client = api();
    const outcomes = await callsUntilDropped(() => client.validateUser({ body: {} }), counts);
    expect(counts.dropped).toBe(1);
    const failed = outcomes.filter((outcome) => outcome instanceof Error);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toBeInstanceOf(UserApiNetworkError);
    expect(server.requests).toHaveLength(outcomes.length);
  });

  it("a GET is sent again only once: a server that drops every socket gives a network error", async () => {
    server.handle((req) => req.socket.destroy());
    const error = await rejection(api().getUser({ id: 5 }));
    expect(error).toBeInstanceOf(UserApiNetworkError);
    expect(server.requests).toHaveLength(2);
  });

  it("a GET whose answer was cut off after it began is not sent again", async () => {
    server.handle((req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"AssociateId":');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const error = await rejection(api().getUser({ id: 5 }));
    expect(error).toBeInstanceOf(UserApiNetworkError);
    expect(server.requests).toHaveLength(1);
  });
});
