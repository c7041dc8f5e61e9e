// The TypeScript settings the README names for consumers of the package, each tried in a project of its own that
// installs the package as npm would (node_modules/superoffice-user-api), type-checking a first call.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { localBin, repoRoot } from "../scripts/lib/spec.js";
import { runProcess } from "./helpers/processes.js";

const root = mkdtempSync(join(tmpdir(), "tsconfig-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const firstCall = [
  'import { createUserApiClient } from "superoffice-user-api";',
  'const so = createUserApiClient({ baseUrl: "https://online.superoffice.com/Cust12345/api/v1" });',
  "export const me = so.getCurrentUser();",
  "",
].join("\n");

/** tsc's error codes and names for a consumer project with these settings ("" when it type-checks). */
async function typecheck(name: string, packageType: "module" | "commonjs", compilerOptions: Record<string, unknown>): Promise<string> {
  const dir = join(root, name);
  mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(repoRoot, join(dir, "node_modules", "superoffice-user-api"), "dir");
  symlinkSync(join(repoRoot, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: packageType }));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "ES2022", skipLibCheck: true, ...compilerOptions }, files: ["first-call.ts"] }));
  writeFileSync(join(dir, "first-call.ts"), firstCall);
  const result = await runProcess(localBin("tsc"), ["-p", dir]);
  return [...result.stdout.matchAll(/error (TS\d+): (.{0,60})/g)].map((m) => `${m[1]} ${m[2]}`).join("\n");
}

// skipLibCheck would hide a missing Request in the package's .d.ts; TypeScript's own lib files stay unchecked (cheaper).
const checkPackageTypes = { skipLibCheck: false, skipDefaultLibCheck: true };

it("ESM projects: DOM lib or @types/node provides Request and Response; with neither, tsc says so", async () => {
  const [bare, dom, node] = await Promise.all([
    typecheck("esm-bare", "module", { module: "nodenext", lib: ["ES2022"], types: [], ...checkPackageTypes }),
    typecheck("esm-dom", "module", { module: "nodenext", lib: ["ES2022", "DOM"], types: [], ...checkPackageTypes }),
    typecheck("esm-node", "module", { module: "nodenext", lib: ["ES2022"], types: ["node"], ...checkPackageTypes }),
  ]);
  expect(bare).toMatch(/TS2304 Cannot find name 'Request'/);
  expect(dom).toBe("");
  expect(node).toBe("");
});

it("CommonJS projects: module nodenext (TS >= 5.8) and module commonjs work, module node16 fails with TS1479", async () => {
  const [nodenext, commonjs, node16] = await Promise.all([
    typecheck("cjs-nodenext", "commonjs", { module: "nodenext", types: ["node"] }),
    typecheck("cjs-commonjs", "commonjs", { module: "commonjs", types: ["node"] }),
    typecheck("cjs-node16", "commonjs", { module: "node16", types: ["node"] }),
  ]);
  expect(nodenext).toBe("");
  expect(commonjs).toBe("");
  expect(node16).toMatch(/^TS1479 /);
});
