// `npm run proxy -- --upstream https://<tenant>/api/v1 [--port 4020]`: a local proxy to the user's own SuperOffice
// server that forwards every call unchanged and prints one line per place where a request or answer breaks the contract.
import { parseProxyOptions } from "./lib/proxy-options.js";
import { loadSpec } from "./lib/spec.js";
import { startValidatingProxy, type ValidatingProxy } from "./lib/validating-proxy.js";

let proxy: ValidatingProxy | undefined;

try {
  const options = parseProxyOptions(process.argv.slice(2));
  const doc = loadSpec();
  proxy = await startValidatingProxy({ doc, ...options, print: (line) => console.log(line) });
  const upstream = `${options.upstream.origin}${options.upstream.pathname.replace(/\/$/, "")}`;
  console.log(`Contract proxy: ${proxy.url} → ${upstream} (contract ${String((doc.info as { version?: string })?.version)})`);
  console.log(`Point your client's baseUrl at ${proxy.url}; each call prints a line, each violation a ✗ line. Ctrl-C stops it.`);
  const stop = () => void proxy?.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(`npm run proxy failed: ${error instanceof Error ? error.message : String(error)}`);
  await proxy?.close();
  process.exit(1);
}
