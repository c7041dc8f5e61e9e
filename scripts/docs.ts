// `npm run docs`: renders openapi.yaml into one self-contained HTML page, dist/docs/index.html.
// redocly build-docs prerenders the page but loads Redoc's script from a CDN, so offline it never hydrates;
// we inline the same Redoc build that @redocly/cli ships, and fail if any remote reference is left.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { localBin, repoRoot, specPath } from "./lib/spec.js";

/** Where the page is written. */
export const docsDir = join(repoRoot, "dist", "docs");
const standalonePath = join(repoRoot, "node_modules", "@redocly", "cli", "lib", "chunks", "redoc.standalone.js");
const cdnImport = /import\s*\{\s*hydrate\s*\}\s*from\s*"(https:\/\/cdn\.redocly\.com\/[^"]+)";/;

const redocBadge =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11">Redocly</text></svg>',
  );

/** Replaces the CDN import of Redoc with the module's code, so that the page needs no network. */
export function inlineRedoc(html: string, standalone: string): string {
  if (!cdnImport.test(html)) throw new Error("build-docs output changed: no CDN import of redoc.standalone.js found to inline");
  const code = standalone.replace(/export\s*\{[^}]*\}\s*;?\s*$/, "");
  if (code === standalone) throw new Error("redoc.standalone.js changed: its trailing export statement was not found");
  if (/<\/script/i.test(code)) throw new Error("redoc.standalone.js contains '</script' and cannot be inlined as is");
  const out = html
    .replace(/<link rel="modulepreload" href="https:\/\/cdn\.redocly\.com[^>]*>/g, "")
    .replace("<head>", `<head>\n  <link rel="icon" href="data:,">`)
    .replace(cdnImport, () => code)
    // The "API docs by Redocly" badge loads its logo from a CDN; show the same words from a local SVG instead.
    .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, redocBadge);
  // Plain <a href> links may point anywhere; what would be loaded must not.
  const remote = out.match(/<(?:script|img|iframe|link|source)\b[^>]*(?:src|href)="https?:\/\/[^"]+"|from\s*"https?:\/\/[^"]+"|url\(["']?https?:/);
  if (remote) throw new Error(`the docs page still references the network: ${remote[0]}`);
  return out;
}

/** Builds dist/docs/index.html and returns its path. */
export function buildDocs(): string {
  mkdirSync(docsDir, { recursive: true });
  const out = join(docsDir, "index.html");
  // Build under a name of our own and rename: concurrent builds (tests, npm start) never see a half-written page.
  const partial = join(docsDir, `.index.${process.pid}.${Date.now()}.html`);
  const redocly = localBin("redocly");
  execFileSync(redocly, ["build-docs", specPath, "--output", partial], { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] });
  writeFileSync(partial, inlineRedoc(readFileSync(partial, "utf8"), readFileSync(standalonePath, "utf8")));
  renameSync(partial, out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(`docs written to ${buildDocs()}`);
}
