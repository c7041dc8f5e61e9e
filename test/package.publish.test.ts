// The package as npm would publish it: only what a user can reach ships, its types resolve for ESM consumers
// (@arethetypeswrong/cli), and its package.json follows the rules publint checks.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localBin, repoRoot } from "../scripts/lib/spec.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "pack-"));
let tarball: string;
let files: string[];

beforeAll(async () => {
  // --ignore-scripts: prepack would rebuild dist/ under the other tests' feet; npm test has built it already.
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: repoRoot });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, packed!.filename);
  files = packed!.files.map((f) => f.path);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the published package", () => {
  it("holds the built entries and the bundled contract, not the sources behind them", () => {
    expect(readdirSync(dir)).toHaveLength(1);
    for (const file of ["dist/src/index.js", "dist/src/index.d.ts", "dist/src/node.js", "dist/generated/schema.d.ts", "generated/openapi.json", "generated/openapi.yaml", "README.md", "CHANGELOG.md", "LICENSE"]) {
      expect(files).toContain(file);
    }
    for (const unreachable of ["openapi.yaml", "generated/schema.d.ts", "generated/operations.ts"]) expect(files).not.toContain(unreachable);
    expect(files.filter((f) => f.startsWith("contract/") || f.startsWith("src/") || f.startsWith("test/"))).toEqual([]);
  });

  it("resolves with types for ESM consumers (attw --profile esm-only; the YAML entry has no types to check)", async () => {
    const result = await run(localBin("attw"), [tarball, "--profile", "esm-only", "--exclude-entrypoints", "./openapi.yaml", "--format", "json"], { cwd: repoRoot }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    const report = JSON.parse(result.stdout);
    const ignoredByProfile = new Set(["node10", "node16-cjs"]);
    expect(report.analysis.problems.filter((p: { resolutionKind?: string }) => !ignoredByProfile.has(p.resolutionKind ?? ""))).toEqual([]);
    expect(result.code).toBe(0);
  }, 60_000);

  it("passes publint", async () => {
    const { stdout } = await run(localBin("publint"), ["--pack", "false", "--strict"], { cwd: repoRoot });
    expect(stdout).toContain("All good!");
  }, 60_000);
});
