// Driving the rendered docs page (Redoc 3) in Chromium: watching its traffic and errors, walking its sidebar.
import type { Page } from "playwright-core";

/** What a page did that the docs must never do: requests off the page's server, console errors, failed requests. */
export type PageFaults = { remote: string[]; errors: string[]; failed: string[] };

/**
 * Records every request to another host than the page's server (and blocks it), every console error and page
 * error, every failed request. `hosts` are the server's names (127.0.0.1, and an alias of it).
 */
export async function watchPage(page: Page, hosts: string[] = ["127.0.0.1"]): Promise<PageFaults> {
  const faults: PageFaults = { remote: [], errors: [], failed: [] };
  const local = (url: string) => url.startsWith("data:") || hosts.includes(new URL(url.replace(/^blob:/, "")).hostname);
  page.on("request", (request) => local(request.url()) || faults.remote.push(`${request.method()} ${request.url()}`));
  page.on("console", (message) => message.type() === "error" && faults.errors.push(message.text()));
  page.on("pageerror", (error) => faults.errors.push(error.message));
  page.on("requestfailed", (request) => faults.failed.push(`${request.url()} ${request.failure()?.errorText}`));
  await page.route("**/*", (route) => (local(route.request().url()) ? route.continue() : route.abort()));
  return faults;
}

/** One entry of the sidebar, and where clicking it took the page. */
export type SidebarEntry = { href: string; label: string; landed: string };

/**
 * Clicks every entry of the sidebar, opening the groups it reveals, until no new entry appears; returns them in
 * click order. The clicks are DOM clicks from inside the page (Redoc's router handles them as a user's): a
 * Playwright click costs ~300 ms on this page, which with 120 operations and their schemas would take minutes.
 */
export function clickEverySidebarEntry(page: Page): Promise<SidebarEntry[]> {
  return page.evaluate(async () => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // A click that Redoc's router did not take (a part of the page React has not hydrated yet) would make the
    // browser load the href as a new page: stop that, and click again a moment later.
    let taken = true;
    const guard = (event: MouseEvent) => {
      taken = event.defaultPrevented;
      if (!taken) event.preventDefault();
    };
    addEventListener("click", guard);
    const clicked = new Map<string, { href: string; label: string; landed: string }>();
    // One link at a time, looked up afresh: a click re-renders the sidebar.
    const next = () =>
      [...document.querySelectorAll<HTMLAnchorElement>(".menu-content a[href]")].find((a) => {
        const href = a.getAttribute("href")!;
        return !/^[a-z]+:/i.test(href) && !clicked.has(href);
      });
    for (let a = next(); a; a = next()) {
      const href = a.getAttribute("href")!;
      for (let attempt = 0; attempt < 50; attempt += 1) {
        // On the label inside the link, as a pointer would: the label opens a group, the link navigates.
        (a.querySelector<HTMLElement>('[data-testid="menu-item-label"]') ?? a).click();
        if (taken) break;
        await pause(100);
      }
      await frame(); // Redoc renders the entry's section before the next click
      clicked.set(href, { href, label: (a.innerText.split("\n")[0] ?? "").trim(), landed: taken ? location.hash : "(not taken)" });
    }
    removeEventListener("click", guard);
    return [...clicked.values()];
  });
}

/** Waits until the page stops scrolling (Redoc scrolls smoothly to a section, and updates the route meanwhile). */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const y = scrollY;
        setTimeout(() => resolve(scrollY === y), 300);
      }),
    null,
    { timeout: 10_000 },
  );
}

/**
 * Opens the search, types a word and returns the first result. Redoc closes the search when the page scrolls, and
 * it may still scroll a second after a navigation (to keep the section in view while content renders), so a search
 * that was closed that way is opened again.
 */
export async function search(page: Page, word: string) {
  const dialog = page.locator("[data-testid=search-dialog]");
  const first = page.locator('[data-component-name="Search/SearchItem"]').first();
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await settle(page);
    const trigger = page.locator("[data-testid=search-trigger]").first();
    // On a phone the search box is inside the closed menu: use the keyboard shortcut there.
    if (await trigger.isVisible()) await trigger.click();
    else await page.keyboard.press("Control+K");
    const shown = await dialog
      .locator("input")
      .fill(word, { timeout: 3_000 })
      .then(() => first.waitFor({ timeout: 5_000 }))
      .then(
        () => true,
        () => false,
      );
    if (shown && (await dialog.count())) return first;
    if (await dialog.count()) await page.keyboard.press("Escape");
  }
  throw new Error(`no search result for "${word}" in 5 attempts: the search closed or found nothing`);
}

/** The hash route a sidebar href leads to: `/section/x` and `#/section/x` both give `#/section/x`. */
export const routeOf = (href: string) => `#${href.replace(/^#/, "")}`;

/** The rendered section of a route (Redoc gives each one `data-section-id="/<route>"`). */
export function section(page: Page, route: string) {
  return page.locator(`[data-section-id="${route.replace(/^#/, "")}"]`).first();
}

/** Opens a route of the page and waits until its section is rendered. */
export async function openRoute(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}${route}`);
  await section(page, route).waitFor({ timeout: 15_000 });
}
