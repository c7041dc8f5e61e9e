// `npm run docs`: renders the contract into one self-contained HTML page, dist/docs/index.html.
// It bundles the contract afresh, adds what only readers need (code samples, a Schemas section; see
// lib/docs-definition.ts) to a temporary copy, renders that with `redocly build-docs --inlineBundle` (Redoc's script
// inlined, so the page works offline), then adds our styles and a Content-Security-Policy and checks that the page
// loads nothing from the network and sends no telemetry (lib/docs-page.ts).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { docsDefinition } from "./lib/docs-definition.js";
import { describeWeight, finishPage, pageWeight } from "./lib/docs-page.js";
import { writeFileAtomic } from "./lib/atomic-write.js";
import { bundleContract, loadSpec, localBin, redoclyEnv, repoRoot, specPath } from "./lib/spec.js";

/** Where `npm run docs` and `npm start` write the page by default. */
export const docsDir = join(repoRoot, "dist", "docs");

/** Renders a single-file OpenAPI document (JSON) to HTML with build-docs and redocly.yaml's `openapi:` options. */
function renderPage(definitionFile: string, output: string): void {
  const args = ["build-docs", definitionFile, "--inlineBundle", "--config", join(repoRoot, "redocly.yaml"), "--output", output];
  execFileSync(localBin("redocly"), args, { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"], env: redoclyEnv });
}

/** Builds `<outDir>/index.html` (default dist/docs/) and returns its path. */
export function buildDocs(outDir: string = docsDir): string {
  const out = join(outDir, "index.html");
  const work = mkdtempSync(join(tmpdir(), "docs-build-"));
  try {
    bundleContract(specPath, join(work, "bundle.json"));
    writeFileSync(join(work, "docs.json"), JSON.stringify(docsDefinition(loadSpec(join(work, "bundle.json")))));
    renderPage(join(work, "docs.json"), join(work, "page.html"));
    writeFileAtomic(out, finishPage(readFileSync(join(work, "page.html"), "utf8")));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const page = buildDocs();
  console.log(`docs written to ${page}: ${describeWeight(pageWeight(readFileSync(page, "utf8")))}`);
}
