// Launches headless Chromium through playwright-core (no browser download): CHROMIUM_PATH if set, else Debian's
// Chromium when installed, else the binary that the @sparticuz/chromium devDependency ships (so `npm ci && npm test`
// needs no apt step).
import { accessSync, constants, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { repoRoot } from "../../scripts/lib/spec.js";

/** Where Debian's chromium package installs the browser. */
export const systemChromiumPath = "/usr/bin/chromium";

/** Options of the browser: `hostAliases` are host names that resolve to 127.0.0.1 (and nothing else resolves). */
export type ChromiumOptions = { hostAliases?: string[] };

/** A browser binary to launch, with the flags that binary needs on top of ours; `fromNpm` for the package's. */
type ChromiumBinary = { executablePath: string; args: string[]; fromNpm: boolean };

/** Our flags, for every binary: no background connections (this machine's network is closed), no QUIC, no GPU. */
const ownFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Flags of @sparticuz/chromium's serverless set that we leave out: `--single-process` ends the browser with its
 * first closed page, headless mode is Playwright's to set, the GPU ones undo our --disable-gpu, and the rest
 * (no same-origin policy, no site isolation) would test the page in a browser unlike any user's.
 */
const unwantedNpmFlags = [
  "--single-process",
  "--headless",
  "--in-process-gpu",
  "--ignore-gpu-blocklist",
  "--use-gl",
  "--use-angle",
  "--enable-unsafe-swiftshader",
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--disable-site-isolation-trials",
  "--disable-setuid-sandbox",
];
const unwantedNpmFlag = (flag: string) =>
  unwantedNpmFlags.some((name) => flag === name || flag.startsWith(`${name}=`)) || /^--disable-features=.*(IsolateOrigins|site-per-process)/.test(flag);

/** True when the file exists and may be run (a file bound over with /dev/null, say, may not). */
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Unpacks the npm package's browser (once) into a folder named after the package's version and returns its path.
 * The package itself unpacks to `<tmp>/chromium` and reuses whatever it finds there, so a binary left by another
 * version (another checkout, an older install) would be launched instead; the package reads the folder from
 * os.tmpdir(), which follows TMPDIR, so TMPDIR points at the versioned folder for the one call.
 */
async function unpackNpmChromium(npmChromium: { executablePath(): Promise<string> }): Promise<string> {
  const manifest = join(repoRoot, "node_modules", "@sparticuz", "chromium", "package.json");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  const folder = join(tmpdir(), `sparticuz-chromium-${version}`);
  mkdirSync(folder, { recursive: true });
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    return await npmChromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

/** The binary to use: CHROMIUM_PATH, Debian's, or the npm package's (unpacked to the temp folder on first use). */
async function findChromium(): Promise<ChromiumBinary> {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!isExecutable(chosen)) throw new Error(`CHROMIUM_PATH is ${chosen}, which is not an executable file`);
    return { executablePath: chosen, args: [], fromNpm: false };
  }
  if (isExecutable(systemChromiumPath)) return { executablePath: systemChromiumPath, args: [], fromNpm: false };
  const { default: npmChromium } = await import("@sparticuz/chromium");
  const executablePath = await unpackNpmChromium(npmChromium);
  console.log(`Chromium: no ${systemChromiumPath}, using @sparticuz/chromium's binary (unpacked once to ${executablePath}, ~2 s)`);
  const args = npmChromium.args.filter((flag) => !unwantedNpmFlag(flag));
  return { executablePath, args, fromNpm: true };
}

/** Starts headless Chromium. */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const binary = await findChromium();
  const hostRules = options.hostAliases?.length ? [`--host-resolver-rules=${options.hostAliases.map((h) => `MAP ${h} 127.0.0.1`).join(", ")}`] : [];
  try {
    return await chromium.launch({ executablePath: binary.executablePath, headless: true, args: [...binary.args, ...ownFlags, ...hostRules] });
  } catch (error) {
    // The npm package reuses whatever is at its unpack path, so a first unpack that was cut short stays broken.
    if (!binary.fromNpm) throw error;
    const hint = `(if an earlier unpack was interrupted, delete ${binary.executablePath} and run again)`;
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${hint}`);
  }
}
