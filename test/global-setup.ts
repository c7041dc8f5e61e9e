// Starts one Prism mock of the contract for the whole test run and stops it afterwards. First it checks that the
// bundle the tests read (generated/openapi.json) is the contract as it is now, so `npx vitest` after an edit
// without `npm run generate` fails with a clear message instead of testing the old contract. At the end it fails
// the run when any test wrote into the checkout's generated/ or dist/, which other tests read in parallel.
import { isDeepStrictEqual } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startPrism } from "../scripts/lib/prism.js";
import { bundleContract, loadSpec, repoRoot, specPath } from "../scripts/lib/spec.js";
import { changedFiles, fingerprintTree } from "./helpers/checkout-guard.js";
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

/** The checkout's folders that tests read and must never write: write to a folder of os.tmpdir() instead. */
export const sharedOutputs = ["generated", "dist"] as const;

export default async function setup(project: TestProject) {
  checkBundleIsFresh();
  const before = fingerprintTree(repoRoot, sharedOutputs);
  const prism = await startPrism(await freePort());
  project.provide("prismUrl", prism.url);
  return async () => {
    await prism.stop();
    const written = changedFiles(before, fingerprintTree(repoRoot, sharedOutputs));
    if (written.length) {
      // vitest 4 reports an error thrown here but still exits 0: the exit code makes the run fail.
      process.exitCode = 1;
      throw new Error(`tests wrote into the checkout's shared outputs (write to a temp folder instead): ${written.join(", ")}`);
    }
  };
}
