// One esbuild configuration for "what a browser app ships": used by the bundle-size benchmark and the package tests.
import { build, type Plugin } from "esbuild";
import { repoRoot } from "./spec.js";

/** Bundles TypeScript source (resolved from the repository root) for browsers, minified ESM; returns the code. */
export async function bundleForBrowser(contents: string, plugins: Plugin[] = []): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, loader: "ts" },
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    logLevel: "silent",
    plugins,
  });
  return result.outputFiles[0]!.contents;
}
