// The finishing touches and the checks of the docs page that `redocly build-docs --inlineBundle` writes: no remote
// resources, no telemetry, a Content-Security-Policy that allows no connection off the page, and our layout fixes.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

/** The stylesheet injected into the page (layout fixes for phones and desktop), kept as a file of its own. */
export const docsCssPath = fileURLToPath(new URL("./docs-page.css", import.meta.url));

const redocBadge =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11">Redocly</text></svg>',
  );

/** The options object the page passes to Redoc's `hydrate`, as build-docs wrote it. */
export function pageOptions(html: string): Record<string, unknown> {
  const match = /const __redoc_options = (\{.*?\});\n/.exec(html);
  if (!match) throw new Error("build-docs output changed: no `const __redoc_options = {...};` line found in the page");
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

/** Throws unless the page's options turn Redoc's telemetry off (build-docs writes them from the CLI's telemetry setting). */
export function assertNoTelemetry(html: string): void {
  const value = pageOptions(html).disableTelemetry;
  if (value !== true) {
    throw new Error(
      `the docs page would send telemetry to Redocly: its options have "disableTelemetry": ${JSON.stringify(value)}, ` +
        "expected true (set `telemetry: off` at the root of redocly.yaml, or REDOCLY_TELEMETRY=off)",
    );
  }
}

/** Throws when the page would load anything from the network (plain links may point anywhere). */
export function assertOffline(html: string): void {
  const remote = html.match(/<(?:script|img|iframe|link|source)\b[^>]*(?:src|href)="https?:\/\/[^"]+"|from\s*"https?:\/\/[^"]+"|url\(["']?https?:/);
  if (remote) throw new Error(`the docs page still references the network: ${remote[0]}`);
}

/** The page's Content-Security-Policy: its own inline scripts (by hash) and styles, data: images, and no connections. */
export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`,
  );
  return [
    "default-src 'none'",
    `script-src ${hashes.join(" ")}`,
    "style-src 'unsafe-inline'", // styled-components writes <style> elements and style attributes at run time
    "img-src data:",
    "font-src data:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Makes build-docs' page self-contained and ours: icon, badge, layout styles, CSP; then checks it. */
export function finishPage(html: string, css: string = readFileSync(docsCssPath, "utf8")): string {
  if (!html.includes("<head>")) throw new Error("build-docs output changed: no <head> found");
  if (/<\/style/i.test(css)) throw new Error("docs-page.css must not contain '</style'");
  let out = html
    .replace(/<link rel="modulepreload" href="https:\/\/cdn\.redocly\.com[^>]*>/g, "")
    // The "API docs by Redocly" badge loads its logo from a CDN; show the same words from a local SVG instead.
    .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, redocBadge)
    .replace("</head>", () => `  <style id="docs-layout">\n${css}</style>\n</head>`);
  assertOffline(out);
  assertNoTelemetry(out);
  // The policy goes first in <head>, before anything it governs; its hashes are of the final scripts.
  const csp = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(out)}">`;
  out = out.replace("<head>", () => `<head>\n  ${csp}\n  <link rel="icon" href="data:,">`);
  return out;
}

/** Sizes of the page in bytes, whole and gzipped, and the part of them that is Redoc's inlined script. */
export type PageWeight = { bytes: number; gzipBytes: number; redocBytes: number; redocGzipBytes: number };

/** Weighs a finished page: the whole HTML, and Redoc's script (the module script up to the page's definition). */
export function pageWeight(html: string): PageWeight {
  const start = html.indexOf('<script type="module">');
  const end = html.indexOf("const __redoc_definition", start);
  if (start < 0 || end < 0) throw new Error("build-docs output changed: Redoc's inline module script not found");
  const redoc = html.slice(start, end);
  const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
  return { bytes: Buffer.byteLength(html), gzipBytes: gzip(html), redocBytes: Buffer.byteLength(redoc), redocGzipBytes: gzip(redoc) };
}

/** One line about a page's weight: `2.70 MB (727 kB gzipped), of which Redoc 2.27 MB (84%)`. */
export function describeWeight(w: PageWeight): string {
  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
  const share = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
  return (
    `${mb(w.bytes)} (${Math.round(w.gzipBytes / 1e3)} kB gzipped); Redoc's script ${mb(w.redocBytes)} ` +
    `(${share(w.redocBytes, w.bytes)}), ${Math.round(w.redocGzipBytes / 1e3)} kB gzipped (${share(w.redocGzipBytes, w.gzipBytes)})`
  );
}
