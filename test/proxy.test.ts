// `npm run proxy` between a caller and a local upstream on 127.0.0.1: calls and answers pass unchanged, exactly the
// calls that break the contract are reported (operation, side, JSON path, what was expected), and no secret is printed.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopProcess } from "../scripts/lib/prism.js";
import { defaultProxyPort, parseProxyOptions } from "../scripts/lib/proxy-options.js";
import { loadSpec, repoRoot } from "../scripts/lib/spec.js";
import { startValidatingProxy } from "../scripts/lib/validating-proxy.js";
import { startHttpServer } from "./helpers/http-server.js";
import { freePort } from "./helpers/ports.js";

const secrets = {
  password: "pw-Secret-7744",
  appToken: "app-Secret-8855",
  generated: "Gen-Secret-4411",
  cookie: "cookie-Secret-5522",
  answerField: "ans-Secret-6633",
};
const basic = Buffer.from(`ADM0:${secrets.password}`).toString("base64");
const callerHeaders = { Authorization: `Basic ${basic}`, "SO-AppToken": secrets.appToken, "X-Caller": "kept" };

/** A conforming answer of SetGeneratedPassword (the answer is a secret), with whitespace a re-serialiser would drop. */
const goodAnswer = Buffer.from(` "${secrets.generated}"\n`);
/** A GetUser answer whose AssociateId is a string, with an unknown secret-named field that is allowed. */
const badAnswer = Buffer.from(`{"AssociateId": "seven", "Name": "ADM0",\n  "Password": "${secrets.answerField}"}`);

let upstream: Awaited<ReturnType<typeof startHttpServer>>;
let proxyUrl: string;
let child: ChildProcess;
let output = "";

beforeAll(async () => {
  upstream = await startHttpServer();
  upstream.handle((req, res) => {
    const good = req.url?.includes("SetGeneratedPassword");
    res.writeHead(200, "Fine", {
      "Content-Type": "application/json; charset=utf-8",
      "X-Upstream": good ? "good" : "bad",
      "Set-Cookie": `.DEMO=${secrets.cookie}; path=/; HttpOnly`,
    });
    res.end(good ? goodAnswer : badAnswer);
  });
  const port = await freePort();
  const args = ["--import", "tsx", join(repoRoot, "scripts", "proxy.ts"), "--upstream", `${upstream.url}/api/v1/`, "--port", String(port)];
  child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  await waitFor(/Contract proxy: /, 30_000);
  proxyUrl = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  if (child) await stopProcess(child);
  await upstream?.close();
});

/** Waits until the proxy's output matches. */
async function waitFor(pattern: RegExp, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!pattern.test(output)) {
    if (Date.now() - started > ms || child.exitCode !== null) throw new Error(`no ${pattern} in the proxy's output:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The ✗ lines the proxy printed for one path. */
const violationsFor = (path: string) => output.split("\n").filter((line) => line.trimStart().startsWith("✗") && line.includes(` ${path} `));

describe("npm run proxy", () => {
  it("forwards a conforming and a non-conforming call unchanged, answers both byte for byte, and reports only the second", async () => {
    const good = await fetch(`${proxyUrl}/Agents/User/SetGeneratedPassword`, {
      method: "POST",
      headers: { ...callerHeaders, "Content-Type": "application/json" },
      body: '{"AssociateId": 7}',
    });
    const bad = await fetch(`${proxyUrl}/Agents/User/GetUser?userId=7`, { method: "POST", headers: callerHeaders });

    for (const [response, answer, name] of [[good, goodAnswer, "good"], [bad, badAnswer, "bad"]] as const) {
      expect([response.status, response.statusText]).toEqual([200, "Fine"]);
      expect(response.headers.get("x-upstream")).toBe(name);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.getSetCookie()).toEqual([`.DEMO=${secrets.cookie}; path=/; HttpOnly`]);
      expect(Buffer.from(await response.arrayBuffer()).equals(answer), `${name} answer bytes`).toBe(true);
    }
    const [sentGood, sentBad] = upstream.requests;
    expect([sentGood?.method, sentGood?.url, sentGood?.body]).toEqual(["POST", "/api/v1/Agents/User/SetGeneratedPassword", '{"AssociateId": 7}']);
    expect([sentBad?.method, sentBad?.url, sentBad?.body]).toEqual(["POST", "/api/v1/Agents/User/GetUser?userId=7", ""]);
    for (const sent of [sentGood, sentBad]) {
      expect(sent?.headers).toMatchObject({ authorization: `Basic ${basic}`, "so-apptoken": secrets.appToken, "x-caller": "kept" });
    }
    expect(sentGood?.headers["content-type"]).toBe("application/json");

    await waitFor(/POST \/Agents\/User\/GetUser → 200 .*: 1 violation\n  ✗ .*\n/);
    await waitFor(/POST \/Agents\/User\/SetGeneratedPassword → 200 in \d+ ms \(userAgentSetGeneratedPassword\): conforms/);
    expect(violationsFor("/Agents/User/SetGeneratedPassword")).toEqual([]);
    const reported = violationsFor("/Agents/User/GetUser");
    expect(reported).toEqual(["  ✗ userAgentGetUser POST /Agents/User/GetUser · response 200 · body $.AssociateId: must be integer (got string)"]);
    for (const secret of [...Object.values(secrets), basic]) expect(output).not.toContain(secret);
  });

  it("reports a request that breaks the contract (a query parameter of the wrong type) and still forwards it", async () => {
    const response = await fetch(`${proxyUrl}/Agents/User/GetUserGroup?userGroupId=first`, { method: "POST", headers: callerHeaders });
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)?.url).toBe("/api/v1/Agents/User/GetUserGroup?userGroupId=first");
    await waitFor(/POST \/Agents\/User\/GetUserGroup → 200 .*: 1 violation\n  ✗ .*\n/);
    // The answer is badAnswer, whose AssociateId a UserGroup does not have (unknown fields are allowed): request only.
    expect(violationsFor("/Agents/User/GetUserGroup")).toEqual([
      "  ✗ userAgentGetUserGroup POST /Agents/User/GetUserGroup · request · query userGroupId: must be integer (got string)",
    ]);
  });
});

describe("its options and failures", () => {
  it("requires --upstream as an http(s) base URL without credentials, and reads --port or PROXY_PORT", () => {
    expect(() => parseProxyOptions([], {})).toThrow(/--upstream is required/);
    expect(() => parseProxyOptions(["--upstream", "tenant.example"], {})).toThrow(/--upstream must be a URL .*got "tenant.example"/);
    expect(() => parseProxyOptions(["--upstream", "ftp://host/api/v1"], {})).toThrow(/http\(s\) URL/);
    expect(() => parseProxyOptions(["--upstream", "https://ADM0:pw@host/api/v1"], {})).toThrow(/must not contain a user name or password/);
    expect(() => parseProxyOptions(["--upstream", "https://host/api/v1", "--port", "http"], {})).toThrow(/must be a port number, got http/);
    expect(parseProxyOptions(["--upstream=https://host/api/v1"], {}).port).toBe(defaultProxyPort);
    expect(parseProxyOptions(["--upstream", "https://host/api/v1"], { PROXY_PORT: "5123" }).port).toBe(5123);
    expect(parseProxyOptions(["--upstream", "https://host/api/v1", "--port", "5124"], { PROXY_PORT: "5123" }).port).toBe(5124);
  });

  it("says clearly that its port is taken, and answers 502 with one line when the upstream is down", async () => {
    const taken = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => taken.once("listening", resolve));
    const busy = (taken.address() as { port: number }).port;
    const doc = loadSpec();
    const options = { doc, upstream: new URL(`http://127.0.0.1:${busy}/api/v1`), print: () => {} };
    await expect(startValidatingProxy({ ...options, port: busy })).rejects.toThrow(`Port ${busy} is already in use`);
    taken.close();

    const printed: string[] = [];
    const closedUpstream = new URL(`http://127.0.0.1:${await freePort()}/api/v1`);
    const down = await startValidatingProxy({ ...options, upstream: closedUpstream, port: await freePort(), print: (l) => printed.push(l) });
    try {
      const response = await fetch(`${down.url}/User/current`, { headers: callerHeaders });
      expect(response.status).toBe(502);
      expect(await response.text()).toMatch(/was not reached \(ECONNREFUSED\)/);
      expect(printed).toEqual(["GET /User/current → upstream not reached (ECONNREFUSED): answered 502"]);
    } finally {
      await down.close();
    }
  });
});
