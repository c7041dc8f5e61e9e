// What scripts/docs.ts renders and checks, without a browser: the telemetry and network checks of the page and its
// Content-Security-Policy.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { assertNoTelemetry, assertOffline, contentSecurityPolicy, finishPage } from "../scripts/lib/docs-page.js";
import { repoRoot } from "../scripts/lib/spec.js";

/** A page as build-docs writes it, cut down to what the checks look at. */
const builtPage = (options: object) =>
  `<!DOCTYPE html>\n<html>\n<head>\n  <title>t</title>\n</head>\n<body>\n  <div id="redoc"><script>document.documentElement.classList.add("light")</script></div>\n` +
  `  <script type="module">\n      const x = 1;\n      const __redoc_definition = {};\n      const __redoc_options = ${JSON.stringify(options)};\n\n      hydrate();\n  </script>\n</body>\n</html>\n`;

describe("telemetry and network", () => {
  it("redocly.yaml turns the CLI's and the page's telemetry off", () => {
    expect(parse(readFileSync(join(repoRoot, "redocly.yaml"), "utf8")).telemetry).toBe("off");
  });

  it("a page whose options would send telemetry fails the build, with the fix in the message", () => {
    expect(() => assertNoTelemetry(builtPage({ disableTelemetry: false }))).toThrow(/disableTelemetry.*false.*telemetry: off/);
    expect(() => assertNoTelemetry(builtPage({}))).toThrow(/would send telemetry/);
    expect(() => assertNoTelemetry(builtPage({ disableTelemetry: true }))).not.toThrow();
  });

  it("a page that would load anything from the network fails the build", () => {
    expect(() => assertOffline('<img src="https://cdn.redoc.ly/logo.svg">')).toThrow(/references the network/);
    expect(() => assertOffline('<a href="https://redocly.com/">docs</a>')).not.toThrow();
  });

  it("the finished page starts with a Content-Security-Policy that allows no connection and only its own scripts", () => {
    const page = finishPage(builtPage({ disableTelemetry: true }), "p { margin: 0 }\n");
    const head = page.slice(page.indexOf("<head>"), page.indexOf("<title>"));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(head)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    const scripts = [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    for (const script of scripts) expect(csp).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    expect(contentSecurityPolicy(page)).toBe(csp);
    expect(page).toContain('<style id="docs-layout">\np { margin: 0 }\n</style>');
  });
});
