// Bytes a browser app pays for each client: an esbuild bundle of a consumer, minified, raw and gzip-compressed.
import { gzipSync } from "node:zlib";
import { bundleForBrowser } from "../scripts/lib/browser-bundle.js";

/** Size of one bundle. */
export type BundleSize = { name: string; minBytes: number; gzipBytes: number };

async function bundle(name: string, contents: string): Promise<BundleSize> {
  const code = await bundleForBrowser(contents);
  return { name, minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** Our whole client (every export of the browser entry) and the official User and Person agents. */
export function measureBundles(): Promise<BundleSize[]> {
  return Promise.all([
    bundle("this client (whole browser entry)", 'import * as api from "./src/index.ts"; console.log(api);'),
    bundle("@superoffice/webapi UserAgent + PersonAgent", 'import { UserAgent, PersonAgent } from "@superoffice/webapi"; console.log(UserAgent, PersonAgent);'),
  ]);
}
