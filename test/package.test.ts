// The built package (dist/, via package.json "exports") loads from ESM and from CommonJS and calls the mock.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import bundle from "../generated/openapi.json" with { type: "json" };
import { responseExample } from "./helpers/spec-examples.js";

const run = promisify(execFile);
const repoRootDir = fileURLToPath(new URL("..", import.meta.url));
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
  it("bundles for the browser with esbuild: no Node-only imports on the client path", async () => {
    const { build } = await import("esbuild");
    const result = await build({
      entryPoints: [fileURLToPath(new URL("../src/index.ts", import.meta.url))],
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain("SO-Language");
    expect(code).not.toMatch(/from\s*["']node:/);
    // Node globals would bundle but fail in a browser (openapi-fetch's own `process` check is guarded by typeof).
    expect(code).not.toMatch(/\bBuffer\.|require\(/);
  });

  it("resolves the package's browser entry (no node condition) without the node:http transport", async () => {
    const { build } = await import("esbuild");
    const result = await build({
      stdin: { contents: 'export { createUserApiClient } from "superoffice-user-api";', resolveDir: repoRootDir, loader: "ts" },
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain("SO-Language");
    expect(code).not.toMatch(/node:http|keepAlive/);
  });
});
