// The options of `npm run proxy`: --upstream URL (required) and --port N / PROXY_PORT (default 4020).

/** What `npm run proxy` was asked to do. */
export type ProxyOptions = { upstream: URL; port: number };

/** The port when neither --port nor PROXY_PORT is given: next to the mock's 4010, so both can run. */
export const defaultProxyPort = 4020;

/** The value of `--name value` or `--name=value`, or undefined. */
function flag(argv: readonly string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg.includes("=") ? arg.slice(name.length + 1) : (argv[index + 1] ?? "");
}

/** Reads the options from the command line and the environment; throws a message that says what to type instead. */
export function parseProxyOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ProxyOptions {
  const example = "npm run proxy -- --upstream https://online.superoffice.com/Cust12345/api/v1";
  const raw = flag(argv, "--upstream");
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
  const portText = flag(argv, "--port") ?? env.PROXY_PORT;
  const port = portText === undefined ? defaultProxyPort : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port / PROXY_PORT must be a port number, got ${portText}`);
  return { upstream, port };
}
