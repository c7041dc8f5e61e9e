// `npm run check:generated`: fails when generated/ differs from a fresh generation of openapi.yaml (drift check).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "./generate.js";
import { repoRoot } from "./lib/spec.js";

/** Names of the files that differ between two directories (missing on either side counts). */
export function differingFiles(expectedDir: string, actualDir: string): string[] {
  const names = new Set([...readdirSync(expectedDir), ...readdirSync(actualDir)]);
  const read = (dir: string, name: string) => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      return undefined;
    }
  };
  return [...names].filter((name) => {
    const a = read(expectedDir, name);
    const b = read(actualDir, name);
    return !a || !b || !a.equals(b);
  });
}

const fresh = mkdtempSync(join(tmpdir(), "generated-"));
try {
  await generate(fresh);
  const stale = differingFiles(fresh, join(repoRoot, "generated"));
  if (stale.length > 0) {
    console.error(`generated/ is out of date with openapi.yaml: ${stale.join(", ")}`);
    console.error("Run `npm run generate` and commit the result.");
    process.exit(1);
  }
  console.log("generated/ matches openapi.yaml");
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
