// `npm run docs`: renders the contract into one self-contained HTML page, dist/docs/index.html.
// It bundles the contract afresh, adds what only readers need (code samples, a Schemas section; see
// lib/docs-definition.ts) to a temporary copy, renders that with `redocly build-docs --inlineBundle` (Redoc's script
// inlined, so the page works offline), then adds our styles and a Content-Security-Policy and checks that the page
// loads nothing from the network and sends no telemetry (lib/docs-page.ts).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { docsDefinition } from "./lib/docs-definition.js";
import { describeWeight, finishPage, pageWeight } from "./lib/docs-page.js";
import { bundleContract, loadSpec, localBin, repoRoot, specPath } from "./lib/spec.js";

/** Where the page is written. */
export const docsDir = join(repoRoot, "dist", "docs");

/** The environment of every redocly run: no CLI telemetry, no update check (redocly.yaml says `telemetry: off` too). */
export const redoclyEnv = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/** Renders a single-file OpenAPI document (JSON) to HTML with build-docs and redocly.yaml's `openapi:` options. */
function renderPage(definitionFile: string, output: string): void {
  const args = ["build-docs", definitionFile, "--inlineBundle", "--config", join(repoRoot, "redocly.yaml"), "--output", output];
  execFileSync(localBin("redocly"), args, { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"], env: redoclyEnv });
}

/** Builds dist/docs/index.html and returns its path. */
export function buildDocs(): string {
  mkdirSync(docsDir, { recursive: true });
  const out = join(docsDir, "index.html");
  const work = mkdtempSync(join(tmpdir(), "docs-build-"));
  try {
    bundleContract(specPath, join(work, "bundle.json"));
    writeFileSync(join(work, "docs.json"), JSON.stringify(docsDefinition(loadSpec(join(work, "bundle.json")))));
    renderPage(join(work, "docs.json"), join(work, "page.html"));
    // Write under a name of our own and rename: concurrent builds (tests, npm start) never see a half-written page.
    const partial = join(docsDir, `.index.${process.pid}.${Date.now()}.html`);
    writeFileSync(partial, finishPage(readFileSync(join(work, "page.html"), "utf8")));
    renameSync(partial, out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const page = buildDocs();
  console.log(`docs written to ${page}: ${describeWeight(pageWeight(readFileSync(page, "utf8")))}`);
}
