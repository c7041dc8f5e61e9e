// The suite is isolated from its surroundings: the fingerprint the global setup compares before and after the run
// sees every kind of write a test could make into generated/ or dist/ (a rewrite with the same bytes, an atomic
// replace, a new file, a removed one), and no test, script or bench reads a path outside the repository.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "../scripts/lib/spec.js";
import { changedFiles, fingerprintTree } from "./helpers/checkout-guard.js";

const root = mkdtempSync(join(tmpdir(), "guard-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A tree like the checkout's: two shared folders and one the guard does not watch. */
function tree(name: string): string {
  const dir = join(root, name);
  for (const folder of ["generated", "dist/src", "test"]) mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, "generated", "openapi.json"), "{}");
  writeFileSync(join(dir, "dist", "src", "index.js"), "export {};");
  writeFileSync(join(dir, "test", "notes.txt"), "x");
  // An old modification time, so that a rewrite within the same millisecond still shows.
  utimesSync(join(dir, "generated", "openapi.json"), 1, 1);
  return dir;
}

it("a suite that only reads leaves the fingerprint unchanged", () => {
  const dir = tree("reads");
  const before = fingerprintTree(dir, ["generated", "dist"]);
  expect(before.size).toBe(2);
  expect(changedFiles(before, fingerprintTree(dir, ["generated", "dist"]))).toEqual([]);
});

it("rewriting a file with the same bytes, replacing it by rename, adding and removing files are all caught", () => {
  const dir = tree("writes");
  const before = fingerprintTree(dir, ["generated", "dist"]);
  writeFileSync(join(dir, "generated", "openapi.json"), "{}");
  writeFileSync(join(dir, "dist", "partial.js"), "export const a = 1;");
  renameSync(join(dir, "dist", "partial.js"), join(dir, "dist", "src", "index.js"));
  writeFileSync(join(dir, "dist", "docs.html"), "<p>");
  writeFileSync(join(dir, "test", "notes.txt"), "changed where the guard does not look");
  expect(changedFiles(before, fingerprintTree(dir, ["generated", "dist"]))).toEqual(["dist/docs.html", "dist/src/index.js", "generated/openapi.json"]);
  rmSync(join(dir, "dist", "docs.html"));
  expect(changedFiles(fingerprintTree(dir, ["generated", "dist"]), before)).toEqual(["dist/src/index.js", "generated/openapi.json"]);
});

it("no test, script, bench or example reaches outside the repository (a clone has no ../shared beside it)", () => {
  const outside = /join\(repoRoot,\s*"\.\."|["'`]\.\.\/(\.\.\/)*shared\b|\/work\/shared/;
  const files = ["test", "scripts", "bench", "examples", "src"].flatMap((folder) =>
    (readdirSync(join(repoRoot, folder), { recursive: true }) as string[])
      .filter((name) => /\.(ts|mts|cts|js|mjs|cjs|py)$/.test(name) && !name.includes("node_modules"))
      .map((name) => join(folder, name)),
  );
  expect(files.length).toBeGreaterThan(50);
  const offenders = files.filter((file) => file !== join("test", "suite.isolation.test.ts") && outside.test(readFileSync(join(repoRoot, file), "utf8")));
  expect(offenders).toEqual([]);
  // The check is real: the line the Swagger comparison had before its files moved into test/fixtures/ is caught.
  expect(outside.test('const swaggerDir = join(repoRoot, "..", "shared", "reference", "swagger");')).toBe(true);
});
