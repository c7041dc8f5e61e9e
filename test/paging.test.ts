// listAllUsers against a real local server that serves the user archive in three pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  UserApiAbortError,
  UserApiHttpError,
  UserApiResponseError,
} from "../src/index.js";
import { createUserApiClient } from "./helpers/client-under-test.js";
import { startHttpServer } from "./helpers/http-server.js";

let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());

const rows = Array.from({ length: 7 }, (_, i) => ({ PrimaryKey: 100 + i, EntityName: "associate", name: `U${i}`, fullName: `User ${i}` }));
const api = () => createUserApiClient({ baseUrl: `${server.url}/api/v1`, auth: { bearer: "paging-token-1234" } });

/** Serves `rows` three per page, with an absolute next link like the WebAPI's. */
function serveArchive(nextLink: (skip: number, url: URL) => string | undefined = (skip, url) => {
  url.searchParams.set("$skip", String(skip));
  return url.toString();
}) {
  server.handle((req, res) => {
    const url = new URL(req.url!, server.url);
    const skip = Number(url.searchParams.get("$skip") ?? 0);
    const page = rows.slice(skip, skip + 3);
    const next = skip + 3 < rows.length ? nextLink(skip + 3, url) : undefined;
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ "odata.metadata": `${server.url}/api/v1/archive$metadata`, ...(next ? { "odata.nextLink": next } : {}), value: page }));
  });
}

const collect = async <T>(iterable: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

describe("listAllUsers", () => {
  it("follows odata.nextLink through three pages and yields every row once, in order", async () => {
    serveArchive();
    const all = await collect(api().listAllUsers({ select: ["name", "fullName"], query: { $filter: "name begins 'U'" } }));
    expect(all).toEqual(rows);
    expect(server.requests.map((r) => new URL(r.url, server.url).searchParams.get("$skip"))).toEqual([null, "3", "6"]);
    for (const request of server.requests) {
      const query = new URL(request.url, server.url).searchParams;
      expect(new URL(request.url, server.url).pathname).toBe("/api/v1/User");
      expect([query.get("$select"), query.get("$filter")]).toEqual(["name,fullName", "name begins 'U'"]);
      expect(request.headers.authorization).toBe("Bearer paging-token-1234");
    }
  });

  it("accepts a relative next link", async () => {
    serveArchive((skip) => `User?$skip=${skip}`);
    expect(await collect(api().listAllUsers())).toHaveLength(7);
  });

  it("can stop early: breaking out of the loop makes no further requests", async () => {
    serveArchive();
    for await (const row of api().listAllUsers()) if (row.PrimaryKey === 101) break;
    expect(server.requests).toHaveLength(1);
  });

  it("refuses a next link to another origin, before sending credentials there", async () => {
    serveArchive((skip) => `https://attacker.example/api/v1/User?$skip=${skip}`);
    const iterator = api().listAllUsers();
    const error = await collect(iterator).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserApiResponseError);
    expect((error as Error).message).toContain("odata.nextLink does not point to");
    expect(server.requests).toHaveLength(1);
  });

  it("stops with an error when a next link repeats", async () => {
    serveArchive(() => `${server.url}/api/v1/User?$skip=3`);
    const error = await collect(api().listAllUsers()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserApiResponseError);
    expect((error as Error).message).toContain("repeats an earlier page");
  });

  it("a failing page rejects the iteration with the typed error, and the caller's signal is honoured", async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ "odata.nextLink": "User?$skip=3", value: rows.slice(0, 3) }));
      else res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ Error: true, Message: "archive failed" }));
    });
    const error = await collect(api().listAllUsers()).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, serverMessage: "archive failed" });
    expect(error).toBeInstanceOf(UserApiHttpError);

    server.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(collect(api().listAllUsers({}, { signal: controller.signal }))).rejects.toBeInstanceOf(UserApiAbortError);
  });
});
