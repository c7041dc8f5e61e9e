// `npm run bench`: per-call latency (sequential and 64 in flight), bundle size and type-check cost, side by side
// in one run, as ratios to the node:http floor and to the official client. Writes bench/RESULTS.md.
//   BENCH_ROUNDS=5 BENCH_TIME_MS=300   rounds of interleaved measurement, and time per task per round
//   BENCH_OUT=path                     where to write the results (default bench/RESULTS.md)
//   BENCH_SKIP_BUILD=1                 use dist/ as it is (npm test builds it before the smoke run)
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { deref, listOperations, loadSpec, repoRoot } from "../scripts/lib/spec.js";
import { measureBundles, measureOperationCost, type BundleSize, type OperationCost } from "./bundle-size.js";
import { contenders } from "./contenders.js";
import { measureLatency, type Latency } from "./latency.js";
import { startBenchServer } from "./server.js";
import { measureTypecheck } from "./typecheck.js";

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const timeMs = Number(process.env.BENCH_TIME_MS ?? 300);
const typecheckRuns = Number(process.env.BENCH_TSC_RUNS ?? 3);
const out = process.env.BENCH_OUT ?? join(repoRoot, "bench", "RESULTS.md");

const FLOOR = "node:http (floor)";
const FETCH_FLOOR = "fetch (by hand)";
const OFFICIAL = "@superoffice/webapi";
const OURS = "this client (node)";
const OURS_FETCH = "this client (fetch)";
// The performance targets. The p99 limits are the ratios of the baseline run (bench/RESULTS.md of 2026-11-24:
// node 292.3 / 123.3 µs, fetch 3749.2 / 1174.0 µs), before the per-call work was cut: "no worse than then".
const targets = { nodeVsFloor: 1.5, fetchVsFetch: 1.5, nodeVsOfficial: 0.35, gzipBytes: 10 * 1024, typecheckRatio: 1.6, nodeP99VsFloor: 2.37, fetchP99VsFetch: 3.19 };

const doc = loadSpec();
const user = deref(doc, doc.components.examples!.UpdateUserRequestExample).value;
const answer = deref(doc, doc.components.examples!.UpdateUserResponseExample).value;

const us = (value: number) => `${value.toFixed(1)} µs`;
const ratio = (value: number) => `${value.toFixed(2)}×`;

function latencyTable(title: string, results: Latency[]): string[] {
  const floor = results.find((r) => r.name === FLOOR)!;
  const official = results.find((r) => r.name === OFFICIAL)!;
  return [
    `### ${title}`,
    "",
    "| client | median / call | p99 / call | median vs floor | median vs official | p99 vs floor | p99 vs official | samples |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${us(r.medianUs)} | ${us(r.p99Us)} | ${ratio(r.medianUs / floor.medianUs)} | ${ratio(r.medianUs / official.medianUs)} | ` +
        `${ratio(r.p99Us / floor.p99Us)} | ${ratio(r.p99Us / official.p99Us)} | ${r.samples} |`,
    ),
    "",
  ];
}

function bundleTable(results: BundleSize[], cost: OperationCost): string[] {
  const official = results.find((b) => b.name.startsWith("@superoffice"))!;
  const [whole, three] = results as [BundleSize, BundleSize];
  return [
    "### Bundle size (esbuild, browser, minified)",
    "",
    "| bundle | min | min + gzip | gzip vs official |",
    "|---|---:|---:|---:|",
    ...results.map((b) => `| ${b.name} | ${b.minBytes} B | ${b.gzipBytes} B | ${ratio(b.gzipBytes / official.gzipBytes)} |`),
    "",
    `Ours is ${ratio(whole.gzipBytes / official.gzipBytes)} the official agents' size (min+gzip). One more operation costs ` +
      `${cost.perOperationGzipBytes.toFixed(1)} B min+gzip (${cost.perOperationMinBytes.toFixed(0)} B minified): the whole entry ` +
      `with ${cost.operations} operations against the same entry with ${Math.floor(cost.operations / 2)} (${cost.halfGzipBytes} B). ` +
      `A consumer calling three operations pays ${whole.gzipBytes - three.gzipBytes} B less than the whole entry.`,
    "",
  ];
}

async function main() {
  const started = Date.now();
  // The type-check measures the built types. npm test's smoke run has built them already, and rebuilding
  // there would race the tests that load dist/ (BENCH_SKIP_BUILD=1).
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log("building the package...");
    execFileSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { cwd: repoRoot, stdio: "inherit" });
  }

  const server = await startBenchServer(answer);
  const list = contenders(server.origin, user);
  // One call each first: a contender that fails must fail here, not inside the timing.
  for (const c of list) await c.call();
  console.log(`latency: ${rounds} rounds × ${timeMs} ms per client, order rotated each round...`);
  const sequential = await measureLatency(list, { rounds, timeMs, warmupMs: 100, concurrency: 1 });
  const concurrent = await measureLatency(list, { rounds, timeMs, warmupMs: 100, concurrency: 64 });
  for (const c of list) c.close?.();
  await server.close();

  console.log("bundle sizes and type-check time...");
  const bundles = await measureBundles();
  const operationCount = listOperations(doc).length;
  const cost = await measureOperationCost(operationCount);
  const typecheck = measureTypecheck(typecheckRuns);

  const pick = (results: Latency[], name: string) => results.find((r) => r.name === name)!;
  const median = (name: string, base: string) => pick(sequential, name).medianUs / pick(sequential, base).medianUs;
  const p99 = (name: string, base: string) => pick(sequential, name).p99Us / pick(sequential, base).p99Us;
  const checks = [
    ["this client (node) median vs node:http floor", median(OURS, FLOOR), targets.nodeVsFloor, ratio],
    ["this client (fetch) median vs fetch by hand", median(OURS_FETCH, FETCH_FLOOR), targets.fetchVsFetch, ratio],
    ["this client (node) median vs the official client", median(OURS, OFFICIAL), targets.nodeVsOfficial, ratio],
    ["this client (node) p99 vs node:http floor p99", p99(OURS, FLOOR), targets.nodeP99VsFloor, ratio],
    ["this client (fetch) p99 vs fetch by hand p99", p99(OURS_FETCH, FETCH_FLOOR), targets.fetchP99VsFetch, ratio],
    [`whole browser bundle, all ${operationCount} operations, min + gzip`, bundles[0]!.gzipBytes, targets.gzipBytes, (v: number) => `${v} B`],
    [`consumer calling all ${operationCount} operations, type-check vs empty file`, typecheck.consumerMs / typecheck.emptyMs, targets.typecheckRatio, ratio],
  ] as const;

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "# Benchmark results",
    "",
    "Generated by `npm run bench` (bench/run.ts); do not edit by hand.",
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
    `- Node.js ${process.version}; server in the same process on 127.0.0.1, keep-alive`,
    `- Call: POST a User (${JSON.stringify(user).length} B) and parse the User answer (${JSON.stringify(answer).length} B)`,
    `- Method: tinybench, ${rounds} rounds × ${timeMs} ms per client, order rotated each round, samples pooled`,
    "- Each contender serialises the body and parses the answer on every call; the clients run from the built package (dist/)",
    "",
    "## Targets",
    "",
    "| target | measured | limit | met |",
    "|---|---:|---:|---|",
    ...checks.map(([label, value, limit, show]) => `| ${label} | ${show(value)} | ${show(limit)} | ${value <= limit ? "yes" : "no"} |`),
    "",
    "## Details",
    "",
    ...latencyTable("One call at a time", sequential),
    ...latencyTable("64 calls in flight (per-call share of each batch)", concurrent),
    ...bundleTable(bundles, cost),
    "### Type-check cost (tsc --noEmit, skipLibCheck, median of " + typecheckRuns + ")",
    "",
    `| file | time |`,
    "|---|---:|",
    `| consumer calling all ${typecheck.operations} operations | ${typecheck.consumerMs.toFixed(0)} ms |`,
    `| empty file | ${typecheck.emptyMs.toFixed(0)} ms |`,
    "",
    `The consumer costs ${ratio(typecheck.consumerMs / typecheck.emptyMs)} the empty file's type-check.`,
    "",
    `Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    "",
  ];
  const text = lines.join("\n");
  writeFileSync(out, text);
  console.log(`\n${text}`);
  console.log(`written to ${out}`);
}

await main();
