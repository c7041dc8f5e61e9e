// `npm start`: bring generated/ up to date, build the docs, start the Prism mock and the docs server, run the demo,
// wait for Ctrl-C. Ports: --mock-port N / MOCK_PORT (default 4010) and --docs-port N / DOCS_PORT (default 8080);
// --docs-dir DIR writes the docs page there instead of dist/docs/ (the tests use a folder of their own).
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { buildDocs, docsDir } from "./docs.js";
import { generateIfStale } from "./generate.js";
import { flagValue, portOption } from "./lib/cli-options.js";
import { startPrism, type PrismServer } from "./lib/prism.js";
import { repoRoot } from "./lib/spec.js";
import { serveDirectory } from "./lib/static-server.js";
import type { Server } from "node:http";

let prism: PrismServer | undefined;
let docs: Server | undefined;

async function stopAll(code: number): Promise<never> {
  await prism?.stop();
  await new Promise((resolve) => (docs ? docs.close(resolve) : resolve(undefined)));
  process.exit(code);
}

try {
  const mockPort = portOption(process.argv, process.env, "--mock-port", "MOCK_PORT", 4010);
  const docsPort = portOption(process.argv, process.env, "--docs-port", "DOCS_PORT", 8080);
  const docsOut = resolve(flagValue(process.argv, "--docs-dir") || docsDir);
  console.log("checking generated/ against openapi.yaml and building the docs…");
  // Only files whose content changed are rewritten (atomically): a current generated/ is left untouched.
  const rewritten = await generateIfStale();
  console.log(rewritten.length ? `regenerated ${rewritten.map((f) => `generated/${f}`).join(", ")}` : "generated/ is current");
  buildDocs(docsOut);
  docs = await serveDirectory(docsOut, docsPort);
  prism = await startPrism(mockPort);
  console.log(`\nMock server (Prism): ${prism.url}`);
  console.log(`API docs:            http://127.0.0.1:${docsPort}/`);
  console.log(
    `Try:                 curl -s -u ADM0:secret -H 'Content-Type: application/json' -d '{"PersonId":810}' ${prism.url}/Agents/Person/CreateOrUpdateUserCandidate\n`,
  );
  execFileSync(process.execPath, ["--import", "tsx", join(repoRoot, "examples", "demo.ts"), prism.url], { stdio: "inherit" });
  console.log("\nMock and docs are running. Press Ctrl-C to stop.");
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));
} catch (error) {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
