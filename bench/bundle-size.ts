// Bytes a browser app pays for each client: an esbuild bundle of a consumer, minified, raw and gzip-compressed.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Plugin } from "esbuild";
import { bundleForBrowser } from "../scripts/lib/browser-bundle.js";

/** Size of one bundle. */
export type BundleSize = { name: string; minBytes: number; gzipBytes: number };

/** What one more operation adds to the whole client, from bundles with all rows of the table and with half of them. */
export type OperationCost = { operations: number; halfGzipBytes: number; perOperationGzipBytes: number; perOperationMinBytes: number };

const wholeEntry = 'import * as api from "./src/index.ts"; console.log(api);';

async function bundle(name: string, contents: string, plugins: Plugin[] = []): Promise<BundleSize> {
  const code = await bundleForBrowser(contents, plugins);
  return { name, minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** Loads generated/operations.ts with only the first `keep` rows of its operation table. */
function tableRows(keep: number): Plugin {
  return {
    name: "table-rows",
    setup(build) {
      build.onLoad({ filter: /generated[\\/]operations\.ts$/ }, (args) => {
        let seen = 0;
        let inTable = false;
        const lines = readFileSync(args.path, "utf8").split("\n").filter((line) => {
          if (line.startsWith("export const operationTable")) inTable = true;
          else if (inTable && line.startsWith("});")) inTable = false;
          else if (inTable && /^ {2}\w+: /.test(line)) return ++seen <= keep;
          return true;
        });
        return { contents: lines.join("\n"), loader: "ts" };
      });
    },
  };
}

/** Our whole client (every export of the browser entry), a consumer of three operations, and the official agents. */
export function measureBundles(): Promise<BundleSize[]> {
  return Promise.all([
    bundle("this client (whole browser entry)", wholeEntry),
    bundle(
      "this client (three operations called)",
      'import { createUserApiClient } from "./src/index.ts"; const api = createUserApiClient({ baseUrl: "https://x/api/v1" }); ' +
        'void api.getUser({ id: 1 }); void api.updateUser({ id: 1, body: {} }); void api.userAgent.getUserGroup({ query: { userGroupId: 1 } });',
    ),
    bundle("@superoffice/webapi UserAgent + PersonAgent", 'import { UserAgent, PersonAgent } from "@superoffice/webapi"; console.log(UserAgent, PersonAgent);'),
  ]);
}

/** The cost of one more operation: the whole entry with every row against the same entry with half of them. */
export async function measureOperationCost(operations: number): Promise<OperationCost> {
  const half = Math.floor(operations / 2);
  const [all, halfTable] = await Promise.all([bundle("all", wholeEntry), bundle("half", wholeEntry, [tableRows(half)])]);
  const added = operations - half;
  return {
    operations,
    halfGzipBytes: halfTable.gzipBytes,
    perOperationGzipBytes: (all.gzipBytes - halfTable.gzipBytes) / added,
    perOperationMinBytes: (all.minBytes - halfTable.minBytes) / added,
  };
}
