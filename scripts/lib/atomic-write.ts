// Writing shared outputs (generated/, dist/docs/) so that a reader in another process never sees half a file.
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

/**
 * A temporary name beside `path`, in the same folder so that the rename publishing it is atomic, and with the
 * same extension because some writers (redocly bundle) choose the format by it: `.openapi.1234.9f3a.partial.json`.
 */
export function partialPathFor(path: string): string {
  const ext = extname(path);
  return join(dirname(path), `.${basename(path, ext)}.${process.pid}.${randomBytes(4).toString("hex")}.partial${ext}`);
}

/** Lets `write` create the file at a temporary path, then renames it to `path`: readers see the old file or the new. */
export function publishAtomic(path: string, write: (partialPath: string) => void): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = partialPathFor(path);
  try {
    write(partial);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Writes `data` to `path` atomically (see publishAtomic). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  publishAtomic(path, (partial) => writeFileSync(partial, data));
}
