// The rendered docs, opened in real headless Chromium with every non-local request blocked and recorded:
// a long visit that uses the whole page, nullable fields, code samples, the phone and desktop layout, the
// Content-Security-Policy, and screenshots for people to look at (test-results/docs-*.png).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../scripts/docs.js";
import { schemasTagName } from "../scripts/lib/docs-definition.js";
import { pageWeight } from "../scripts/lib/docs-page.js";
import { deref, listOperations, loadSpec, repoRoot, type SpecOperation } from "../scripts/lib/spec.js";
import { serveDirectory } from "../scripts/lib/static-server.js";
import { launchChromium } from "./helpers/chromium.js";
import { clickEverySidebarEntry, openRoute, routeOf, search, section, settle, watchPage, type SidebarEntry } from "./helpers/docs-page.js";
import { freePort } from "./helpers/ports.js";

const doc = loadSpec();
const operations = listOperations(doc);
const schemaNames = Object.keys(doc.components.schemas ?? {});
const results = join(repoRoot, "test-results");
const desktop = { width: 1400, height: 900 };
const phone = { width: 390, height: 844 };
/** How long the visit stays on the page: Redoc's telemetry, when on, sends a batch about every 5 s. */
const visitMs = 15_000;
/**
 * The name the page is served under, resolved to 127.0.0.1 by Chromium itself. Not 127.0.0.1 or localhost:
 * Redoc sends no telemetry from local hosts (localhost, 127.x, 10.x, 192.168.x, *.local), so a visit there could
 * not see it even when it is on.
 */
const docsHost = "docs.superoffice-user-api.test";

let browser: Browser;
let server: Server;
let baseUrl: string;
let buildMs: number;
let sidebar: SidebarEntry[] | undefined;
let shared: Page | undefined;

// The page is built into a folder of this file's own, not dist/docs/, which npm start (under test) writes too.
const docsDir = mkdtempSync(join(tmpdir(), "docs-page-"));
afterAll(() => rmSync(docsDir, { recursive: true, force: true }));

beforeAll(async () => {
  const started = Date.now();
  buildDocs(docsDir);
  buildMs = Date.now() - started;
  const port = await freePort();
  server = await serveDirectory(docsDir, port);
  baseUrl = `http://${docsHost}:${port}/`;
  browser = await launchChromium({ hostAliases: [docsHost] });
  mkdirSync(results, { recursive: true });
}, 120_000);

afterAll(async () => {
  await shared?.close();
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Opens the page and waits until Redoc has hydrated it (its search is ready); returns first paint and ready times. */
async function openDocs(page: Page): Promise<{ firstPaintMs: number; readyMs: number }> {
  const started = Date.now();
  await page.goto(baseUrl, { waitUntil: "commit" });
  // The trigger must be there: right after "commit" the 3 MB page may not be parsed that far (seen under load).
  await page.waitForFunction(() => document.querySelector("[data-testid=search-trigger]")?.textContent?.includes("Loading") === false, null, {
    polling: 20,
    timeout: 30_000,
  });
  const readyMs = Date.now() - started;
  const firstPaintMs = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN);
  return { firstPaintMs: Math.round(firstPaintMs), readyMs };
}

/** A hydrated desktop page shared by the checks that only look (each page costs seconds of hydration). */
async function desktopPage(): Promise<Page> {
  if (!shared) {
    shared = await browser.newPage({ viewport: desktop });
    await openDocs(shared);
  }
  return shared;
}

/** The sidebar's entries, walked once by the visit (or here, when a test runs alone). */
async function sidebarEntries(): Promise<SidebarEntry[]> {
  sidebar ??= await clickEverySidebarEntry(await desktopPage());
  return sidebar;
}

/** The route of an operation's page (found by its sidebar label, its summary). */
async function operationRoute(op: SpecOperation): Promise<string> {
  const label = op.operation.summary ?? op.operationId;
  const entry = (await sidebarEntries()).find((e) => e.label === label && e.landed.endsWith(`/${op.operationId.toLowerCase()}`));
  if (!entry) throw new Error(`no sidebar entry for ${op.operationId} ("${label}")`);
  return entry.landed;
}

/** The route of a schema's page in the Schemas section. */
async function schemaRoute(name: string): Promise<string> {
  const slug = schemasTagName.toLowerCase().replace(/\s+/g, "-");
  const entry = (await sidebarEntries()).find((e) => e.label === name && e.landed.startsWith(`#/${slug}/`));
  if (!entry) throw new Error(`no sidebar entry for schema ${name}`);
  return entry.landed;
}

/** Markdown as the page shows it as text: without code ticks and emphasis, whitespace collapsed. */
const shownText = (markdown: string) => markdown.replace(/[`*]/g, "").replace(/\s+/g, " ").trim();

/** The first field of the contract written as a nullable reference (anyOf/oneOf [$ref, null]) with its own description. */
function firstNullableReference(): { schema: string; field: string; description: string; target: string } {
  for (const [schema, value] of Object.entries(doc.components.schemas ?? {})) {
    for (const [field, property] of Object.entries<any>((value as any).properties ?? {})) {
      const branches: any[] | undefined = property.anyOf ?? property.oneOf;
      const ref = branches?.find((b) => typeof b.$ref === "string");
      if (branches?.length === 2 && ref && branches.some((b) => b.type === "null") && property.description) {
        return { schema, field, description: property.description, target: ref.$ref };
      }
    }
  }
  throw new Error("the contract has no nullable reference with its own description");
}

/** The operation shown in the screenshots and the sample checks: the first with a JSON body and 2+ responses. */
const sampleOperation =
  operations.find((op) => op.operation.requestBody && Object.keys(op.operation.responses ?? {}).length > 1) ?? operations[0]!;

describe("the docs page in Chromium, offline", () => {
  it("a 15 s visit that clicks every sidebar entry, searches and switches tabs sends nothing off its server and logs no error", async () => {
    const page = await browser.newPage({ viewport: desktop });
    const faults = await watchPage(page, [docsHost]);
    const started = Date.now();
    const timing = await openDocs(page);

    sidebar = await clickEverySidebarEntry(page);
    for (const entry of sidebar) expect(entry.landed, `sidebar entry ${entry.href}`).toBe(entry.href === "/" ? entry.landed : routeOf(entry.href));
    const labels = sidebar.map((e) => e.label);
    for (const op of operations) expect(labels, op.operationId).toContain(op.operation.summary);
    for (const name of schemaNames) expect(labels, `schema ${name}`).toContain(name);

    // Search, with a word of an operation's summary, and open the first result.
    const firstResult = await search(page, sampleOperation.operation.summary.split(" ").at(-1)!);
    const resultHref = await firstResult.getAttribute("href");
    await firstResult.click();
    await page.waitForFunction((href) => location.hash === href, resultHref, { timeout: 10_000 });

    // Switch the response tabs (every status) and the code sample languages of one operation.
    await openRoute(page, baseUrl, await operationRoute(sampleOperation));
    const responses = page.locator(".panel-response-samples").first();
    const shown = new Set<string>();
    for (const status of Object.keys(sampleOperation.operation.responses)) {
      await responses.getByRole("button", { name: status, exact: true }).click();
      shown.add(await responses.locator("pre").first().innerText().catch(() => ""));
    }
    expect(shown.size, "the response tabs show different bodies").toBeGreaterThan(1);
    const request = page.locator(".panel-request-samples").first();
    await request.getByRole("button", { name: "curl", exact: true }).click();
    await page.getByRole("menuitem", { name: "TypeScript" }).click();
    await expect.poll(() => request.locator("pre").first().innerText()).toContain("createUserApiClient");

    await page.waitForTimeout(Math.max(0, visitMs - (Date.now() - started)));
    const closed = new Promise((resolve) => page.once("close", resolve));
    await page.close({ runBeforeUnload: true });
    await closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(visitMs);
    expect(faults).toEqual({ remote: [], errors: [], failed: [] });

    const weight = pageWeight(readFileSync(join(docsDir, "index.html"), "utf8"));
    const figures = { ...timing, buildMs, visitMs: Date.now() - started, sidebarEntries: sidebar.length, ...weight };
    writeFileSync(join(results, "docs-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    expect(timing.firstPaintMs, "first contentful paint").toBeLessThan(2_000);
  }, 60_000);

  it("a nullable reference shows the field's own description, as one nullable object without an Any of switch", async () => {
    const nullable = firstNullableReference();
    const target = deref(doc, { $ref: nullable.target });
    const page = await desktopPage();
    await openRoute(page, baseUrl, await schemaRoute(nullable.schema));
    const field = section(page, await schemaRoute(nullable.schema))
      .locator("div")
      .filter({ has: page.getByText(nullable.field, { exact: true }) })
      .filter({ hasText: shownText(nullable.description) })
      .last();
    const text = (await field.innerText()).replace(/\s+/g, " ");
    expect(text).toContain(shownText(nullable.description));
    expect(text).toMatch(/object or null/);
    expect(text).not.toContain("Any of");
    expect(text).not.toContain("One of");
    if (target.description && target.description !== nullable.description) expect(text).not.toContain(shownText(target.description));
  });

  it("every operation has a curl and a TypeScript sample in the page, the latter in the client's place", async () => {
    const html = readFileSync(join(docsDir, "index.html"), "utf8");
    const rendered = JSON.parse(/const __redoc_definition = (\{.*\});\n/.exec(html)![1]!);
    for (const op of operations) {
      const samples: { lang: string; source: string }[] = rendered.paths[op.path][op.method]["x-codeSamples"] ?? [];
      expect(samples.map((s) => s.lang), op.operationId).toEqual(["curl", "TypeScript"]);
      expect(samples[0]!.source).toContain(`curl -X ${op.method.toUpperCase()} `);
      expect(samples[1]!.source).toMatch(/await api\.[\w.]+\(/);
    }
    const page = await desktopPage();
    await openRoute(page, baseUrl, await operationRoute(sampleOperation));
    await expect.poll(() => page.locator(".panel-request-samples pre").first().innerText()).toContain("curl -X");
  });
});

describe("layout", () => {
  /** Screenshots the intro, the sample operation and the User schema (or the first) at one viewport size. */
  async function screenshots(page: Page, size: { width: number; height: number }): Promise<void> {
    const shoot = async (what: string) => {
      await settle(page);
      await page.screenshot({ path: join(results, `docs-${what}-${size.width}x${size.height}.png`) });
    };
    await page.goto(`${baseUrl}#/`);
    await page.evaluate(() => scrollTo(0, 0));
    await shoot("intro");
    await openRoute(page, baseUrl, await operationRoute(sampleOperation));
    await shoot("operation");
    await openRoute(page, baseUrl, await schemaRoute(schemaNames.includes("User") ? "User" : schemaNames[0]!));
    await shoot("schema");
  }

  it("on a 390 px phone: no word of the title breaks, method and path are under the heading, search stays on screen", async () => {
    const page = await browser.newPage({ viewport: phone, isMobile: true, hasTouch: true });
    await openDocs(page);
    const brokenWords = await page.locator("h1").first().evaluate((h1) => {
      const broken: string[] = [];
      const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent!.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
      return broken;
    });
    expect(brokenWords, "words of the title split across lines").toEqual([]);
    const pageWidth = () => page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(await pageWidth(), "the intro scrolls sideways").toBeLessThanOrEqual(phone.width);

    const route = await operationRoute(sampleOperation);
    await openRoute(page, baseUrl, route);
    const heading = section(page, route).getByRole("heading", { name: sampleOperation.operation.summary }).first();
    const path = page.locator(".panel-request-samples").first();
    const gap = (await path.boundingBox())!.y - (await heading.boundingBox())!.y;
    expect(gap, "px from the operation's heading down to its method and path").toBeLessThan(400);
    expect(await pageWidth(), "the operation scrolls sideways").toBeLessThanOrEqual(phone.width);

    await search(page, "user");
    const offScreen = await page.evaluate(
      () => [...document.querySelectorAll("[data-testid=search-dialog] *")].filter((e) => e.getBoundingClientRect().right > innerWidth + 1).length,
    );
    expect(offScreen, "search result elements past the right edge").toBe(0);
    await page.keyboard.press("Escape");
    await screenshots(page, phone);
    await page.close();
  }, 45_000);

  it("on a desktop: security tabs show whole names, extension names stay on one line, schemas are in the sidebar", async () => {
    const page = await desktopPage();
    const route = await operationRoute(sampleOperation);
    await openRoute(page, baseUrl, route);
    await section(page, route).getByText("View security details").first().click();
    const tabs = page.locator('[role="tablist"][data-component-name="Segmented/Segmented"] [role="tab"]');
    await tabs.first().waitFor();
    const cut = await tabs.evaluateAll((all) => all.filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent));
    expect(cut, "security tabs with cut names").toEqual([]);
    await page.keyboard.press("Escape");

    const intro = await sidebarEntries();
    const extensions = intro.find((e) => /extensions/i.test(e.label));
    if (extensions) {
      await openRoute(page, baseUrl, extensions.landed);
      const heights = await page.locator('[data-component-name="Markdown/Markdown"] td:first-child > code').evaluateAll((codes) =>
        codes.map((c) => ({ name: c.textContent, lines: c.getClientRects().length })),
      );
      expect(heights.filter((h) => h.lines > 1), "code names in a first table column that wrap").toEqual([]);
    }
    const sidebarText = await page.locator(".menu-content").innerText();
    expect(sidebarText).toContain(schemasTagName);
    await screenshots(page, desktop);
  }, 45_000);
});

describe("the Content-Security-Policy", () => {
  it("allows no connection off the page: a fetch is refused by the browser itself", async () => {
    const page = await browser.newPage({ viewport: desktop });
    const refused: string[] = [];
    page.on("console", (message) => message.type() === "error" && refused.push(message.text()));
    await page.route("**/*", (route) => (route.request().url().startsWith(baseUrl) ? route.continue() : route.abort()));
    await page.goto(baseUrl, { waitUntil: "domcontentloaded" });
    const outcome = await page.evaluate(() =>
      fetch("https://otel.cloud.redocly.com/v1/traces", { method: "POST", body: "{}" }).then(
        () => "sent",
        (error: Error) => error.name,
      ),
    );
    expect(outcome).toBe("TypeError");
    expect(refused.join("\n")).toMatch(/Content Security Policy/);
    await page.close();
  });
});
