// A throwaway project outside the repository that has this package installed the way npm would (a link in its
// node_modules), for tests and the bench that type-check or run code as a user of the package writes it. Outside
// the checkout, so nothing a test writes there can be read by another test or left behind in the working tree.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "./spec.js";

/** A consumer project: its folder, and a function that removes it. */
export type ConsumerProject = { dir: string; remove(): void };

/**
 * Creates `<tmp>/<prefix>XXXXXX/`, an ES module project (`"type": "module"`, as the README's users write), with
 * `node_modules/superoffice-user-api` linked to this repository and each named package (`@types/node`, `ajv`)
 * linked to the repository's installed copy.
 */
export function createConsumerProject(prefix: string, packages: readonly string[] = []): ConsumerProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "consumer", private: true, type: "module" })}\n`);
  const link = (target: string, name: string) => {
    const at = join(dir, "node_modules", name);
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(target, at, "dir");
  };
  link(repoRoot, "superoffice-user-api");
  for (const name of packages) link(join(repoRoot, "node_modules", name), name);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
