// Starts one Prism mock of the contract for the whole test run and stops it afterwards. First it checks that the
// bundle the tests read (generated/openapi.json) is the contract as it is now, so `npx vitest` after an edit
// without `npm run generate` fails with a clear message instead of testing the old contract.
import { isDeepStrictEqual } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startPrism } from "../scripts/lib/prism.js";
import { bundleContract, loadSpec, specPath } from "../scripts/lib/spec.js";
import { freePort } from "./helpers/ports.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

/** Throws when generated/openapi.json is not the bundle of openapi.yaml and contract/ as they are now. */
function checkBundleIsFresh(): void {
  const dir = mkdtempSync(join(tmpdir(), "fresh-bundle-"));
  try {
    bundleContract(specPath, join(dir, "openapi.json"));
    if (!isDeepStrictEqual(loadSpec(join(dir, "openapi.json")), loadSpec())) {
      throw new Error("generated/openapi.json is not the bundle of the contract as it is now: run `npm run generate`");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject) {
  checkBundleIsFresh();
  const prism = await startPrism(await freePort());
  project.provide("prismUrl", prism.url);
  return () => prism.stop();
}
