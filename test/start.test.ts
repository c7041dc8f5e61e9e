// `npm start` comes up (mock, docs, demo), serves calls, and stops cleanly; a taken port gives a clear error.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../scripts/lib/spec.js";
import { createUserApiClient } from "../src/index.js";
import { freePort } from "./helpers/ports.js";
import { responseExample } from "./helpers/spec-examples.js";

// The docs page goes to a folder of this test's own: dist/docs/ is read by other tests running in parallel.
const docsDir = mkdtempSync(join(tmpdir(), "start-docs-"));
afterAll(() => rmSync(docsDir, { recursive: true, force: true }));

function startScript(mockPort: number, docsPort: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "scripts", "start.ts"), "--mock-port", String(mockPort), "--docs-port", String(docsPort), "--docs-dir", docsDir],
    { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = (pattern: RegExp, ms: number) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        if (pattern.test(output)) resolve(clearInterval(timer));
        else if (Date.now() - started > ms || child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`no ${pattern} in npm start output:\n${output}`));
        }
      }, 100);
    });
  return { child, exited, waitFor, output: () => output };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => resolve(!socket.destroy()));
    socket.once("error", () => resolve(false));
  });
}

describe("npm start", () => {
  it("prints both URLs and the demo, serves the mock and the docs, and leaves nothing listening after Ctrl-C", async () => {
    const [mockPort, docsPort] = [await freePort(), await freePort()];
    const run = startScript(mockPort, docsPort);
    await run.waitFor(/Press Ctrl-C to stop/, 120_000);
    expect(run.output()).toContain(`Mock server (Prism): http://127.0.0.1:${mockPort}`);
    expect(run.output()).toContain(`API docs:            http://127.0.0.1:${docsPort}/`);
    expect(run.output()).toContain("demo finished");
    // generated/ was current (npm test checked it), so npm start left it alone while other tests read it.
    expect(run.output()).toContain("generated/ is current");
    const api = createUserApiClient({ baseUrl: `http://127.0.0.1:${mockPort}`, auth: { bearer: "token" } });
    // The mock answers with the contract's examples: the user archive in one last page, which listAllUsers pages to the end of.
    expect(await api.listUsers()).toEqual(responseExample("listUsers", "200"));
    const rows = [];
    for await (const row of api.listAllUsers()) rows.push(row);
    expect(rows).toEqual(responseExample("listUsers", "200").value);
    const docs = await fetch(`http://127.0.0.1:${docsPort}/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("SuperOffice CRM WebAPI v1 - User management");
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(await listening(mockPort)).toBe(false);
    expect(await listening(docsPort)).toBe(false);
  }, 150_000);

  it("says clearly that a port is in use, and exits 1", async () => {
    const taken = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => taken.once("listening", resolve));
    const busyPort = (taken.address() as { port: number }).port;
    try {
      const run = startScript(await freePort(), busyPort);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${busyPort} is already in use`);
    } finally {
      taken.close();
    }
  }, 150_000);
});
