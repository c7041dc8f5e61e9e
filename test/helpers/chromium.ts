// Launches Debian's headless Chromium through playwright-core (no browser download).
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Where Debian's chromium package installs the browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Options of the browser: `hostAliases` are host names that resolve to 127.0.0.1 (and nothing else resolves). */
export type ChromiumOptions = { hostAliases?: string[] };

/** Starts headless Chromium, or fails with the command that installs it. */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...(options.hostAliases?.length ? [`--host-resolver-rules=${options.hostAliases.map((h) => `MAP ${h} 127.0.0.1`).join(", ")}`] : []),
    ],
  });
}
