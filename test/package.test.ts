// The built package (dist/, via package.json "exports") loads from ESM and from CommonJS and calls the mock.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import bundle from "../generated/openapi.json" with { type: "json" };
import { bundleForBrowser } from "../scripts/lib/browser-bundle.js";
import { responseExample } from "./helpers/spec-examples.js";

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function consume(file: string) {
  const { stdout } = await run(process.execPath, ["--no-warnings", fixture(file)], {
    env: { ...process.env, PRISM_URL: inject("prismUrl") },
  });
  return JSON.parse(stdout.trim());
}

describe("the built package", () => {
  it("imports from an ESM file, with the bundled contract as ./openapi.json", async () => {
    const result = await consume("consumer.mjs");
    expect(result).toEqual({
      loader: "esm",
      transport: "node",
      errors: responseExample("validateUser", "200"),
      operations: Object.keys(bundle.paths).length,
    });
  });

  it("requires from a CommonJS file", async () => {
    const result = await consume("consumer.cjs");
    expect(result).toEqual({ loader: "cjs", errors: responseExample("validateUser", "200") });
  });
});

describe("the client in a browser bundle", () => {
  const bundle = async (contents: string) => new TextDecoder().decode(await bundleForBrowser(contents));

  it("bundles for the browser with esbuild: no Node-only imports on the client path", async () => {
    const code = await bundle('export * from "./src/index.ts";');
    expect(code).toContain("SO-Language");
    expect(code).not.toMatch(/from\s*["']node:/);
    // Node globals would bundle but fail in a browser (openapi-fetch's own `process` check is guarded by typeof).
    expect(code).not.toMatch(/\bBuffer\.|require\(/);
  });

  it("resolves the package's browser entry (no node condition) without the node:http transport", async () => {
    const code = await bundle('export { createUserApiClient } from "superoffice-user-api";');
    expect(code).toContain("SO-Language");
    expect(code).not.toMatch(/node:http|keepAlive/);
  });
});
