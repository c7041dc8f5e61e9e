// The options of `npm run proxy`: --upstream URL (required) and --port N / PROXY_PORT (default 4020).
import { flagValue, portOption } from "./cli-options.js";

/** What `npm run proxy` was asked to do. */
export type ProxyOptions = { upstream: URL; port: number };

/** The port when neither --port nor PROXY_PORT is given: next to the mock's 4010, so both can run. */
export const defaultProxyPort = 4020;

/** Reads the options from the command line and the environment; throws a message that says what to type instead. */
export function parseProxyOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ProxyOptions {
  const example = "npm run proxy -- --upstream https://online.superoffice.com/Cust12345/api/v1";
  const raw = flagValue(argv, "--upstream");
  if (!raw) throw new Error(`--upstream is required: the base URL of your SuperOffice WebAPI, for example\n  ${example}`);
  let upstream: URL;
  try {
    upstream = new URL(raw);
  } catch {
    throw new Error(`--upstream must be a URL such as https://online.superoffice.com/Cust12345/api/v1, got "${raw}"`);
  }
  if (upstream.protocol !== "https:" && upstream.protocol !== "http:") throw new Error(`--upstream must be an http(s) URL, got ${upstream.protocol}`);
  // Credentials in the URL would end up in logs and shell history: they belong in the calls' own headers.
  if (upstream.username || upstream.password) throw new Error("--upstream must not contain a user name or password: send credentials in your calls");
  if (upstream.search || upstream.hash) throw new Error("--upstream is a base URL: leave out the query and fragment");
  return { upstream, port: portOption(argv, env, "--port", "PROXY_PORT", defaultProxyPort) };
}
