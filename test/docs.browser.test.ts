// The rendered docs, opened in real headless Chromium with every non-local request blocked.
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs, docsDir } from "../scripts/docs.js";
import { listOperations, loadSpec, repoRoot } from "../scripts/lib/spec.js";
import { serveDirectory } from "../scripts/lib/static-server.js";
import { launchChromium } from "./helpers/chromium.js";
import { freePort } from "./helpers/ports.js";

const doc = loadSpec();
let browser: Browser;
let server: Server;
let url: string;

beforeAll(async () => {
  buildDocs();
  const port = await freePort();
  server = await serveDirectory(docsDir, port);
  url = `http://127.0.0.1:${port}/`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe("the docs page in Chromium, offline", () => {
  it("renders every operation and carrier, with no console errors and no failed or remote requests", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const consoleErrors: string[] = [];
    const failed: string[] = [];
    const blocked: string[] = [];
    page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    page.on("requestfailed", (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    await page.route("**/*", (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === "127.0.0.1" || host === "localhost") return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    await page.goto(url, { waitUntil: "networkidle" });
    // Hydrated, not just prerendered: a click in the sidebar navigates.
    await page.waitForTimeout(1_000);
    await page.locator('[data-component-name="Menu/Menu"]').getByText("Passwords", { exact: true }).first().click();
    await page.waitForURL(/passwords/i, { timeout: 30_000 });
    const text = await page.evaluate(() => document.body.textContent ?? "");
    for (const op of listOperations(doc)) {
      expect(text, op.operationId).toContain(op.operation.summary);
      expect(text, op.operationId).toContain(op.path);
    }
    for (const name of Object.keys(doc.components.schemas ?? {})) {
      expect(text, `schema ${name}`).toContain(name);
    }
    expect(text).toContain("x-superoffice-online-restricted");
    mkdirSync(join(repoRoot, "test-results"), { recursive: true });
    await page.screenshot({ path: join(repoRoot, "test-results", "docs.png"), fullPage: false });
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(blocked).toEqual([]);
  }, 90_000);
});
