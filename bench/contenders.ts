// The clients measured side by side, each making the same call: POST a User body, parse the User answer.
import http from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../scripts/lib/spec.js";

// The built package (dist/), as users run it: what tsc emits, not tsx's transform of src/.
const built = (entry: string) => import(pathToFileURL(join(repoRoot, "dist", "src", entry)).href);
const fetchEntry = (await built("index.js")) as typeof import("../src/index.js");
const nodeEntry = (await built("node.js")) as typeof import("../src/node.js");

/** One way of making the call; `call` resolves when the parsed answer is there. */
export type Contender = { name: string; call: () => Promise<unknown>; close?: () => void };

/**
 * The five contenders against one server: the node:http floor, raw fetch, our client on both transports, the
 * official one. Each does the whole call: serialise the body, send it, read the answer, parse it.
 */
export function contenders(origin: string, user: object): Contender[] {
  const auth = { username: "ADM0", password: "bench-password" };
  const authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const url = new URL("/api/v1/User", origin);

  const floor = () =>
    new Promise<unknown>((resolve, reject) => {
      const body = JSON.stringify(user);
      const request = http.request(url, {
        method: "POST",
        agent,
        headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: authorization, "Content-Length": Buffer.byteLength(body) },
      });
      request.on("error", reject);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
        response.on("error", reject);
      });
      request.end(body);
    });

  const rawFetch = async () => {
    const headers = { "Content-Type": "application/json", Accept: "application/json", Authorization: authorization };
    const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(user) });
    return response.json();
  };

  const options = { baseUrl: `${origin}/api/v1`, auth: { basic: auth } };
  const ours = nodeEntry.createUserApiClient(options);
  const oursFetch = fetchEntry.createUserApiClient(options);

  // The official client is CommonJS + axios; used only here.
  const require = createRequire(import.meta.url);
  const { UserAgent } = require("@superoffice/webapi") as typeof import("@superoffice/webapi");
  const official = new UserAgent(origin, { auth });

  return [
    { name: "node:http (floor)", call: floor, close: () => agent.destroy() },
    { name: "fetch (by hand)", call: rawFetch },
    { name: "this client (node)", call: () => ours.createUser({ body: user }) },
    { name: "this client (fetch)", call: () => oursFetch.createUser({ body: user }) },
    { name: "@superoffice/webapi", call: () => official.saveUserAsync(user as never) },
  ];
}
