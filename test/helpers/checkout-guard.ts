// Proof that the suite leaves the checkout's shared outputs alone: tests run in parallel workers, and a test that
// rewrites generated/ or dist/ can hand another test half a file. The global setup takes a fingerprint of those
// folders before any test starts and compares it after the last one ends.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under the folders, by path relative to `root`, with its size, modification time and content hash. */
export type TreeFingerprint = Map<string, string>;

/** Fingerprints every file under `root/<folder>` for each folder (a missing folder has no files). */
export function fingerprintTree(root: string, folders: readonly string[]): TreeFingerprint {
  const prints: TreeFingerprint = new Map();
  const visit = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else {
        const { size, mtimeMs } = statSync(path);
        const hash = createHash("sha1").update(readFileSync(path)).digest("hex");
        prints.set(relative(root, path), `${size} ${mtimeMs} ${hash}`);
      }
    }
  };
  for (const folder of folders) visit(join(root, folder));
  return prints;
}

/** The files written, added or removed between two fingerprints, sorted. */
export function changedFiles(before: TreeFingerprint, after: TreeFingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
