// A smoke run of `npm run bench` with few iterations: it still measures every contender and writes every table.
// The figures of a smoke run mean nothing; the real ones come from `npm run bench` (bench/RESULTS.md).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runNode } from "./helpers/processes.js";

it("npm run bench runs end to end and writes the targets, latency, bundle and type-check tables", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "bench-")), "RESULTS.md");
  // dist/ was built by `npm test` before vitest started; rebuilding it here would race the package tests.
  const env = { ...process.env, BENCH_ROUNDS: "1", BENCH_TIME_MS: "20", BENCH_TSC_RUNS: "1", BENCH_OUT: out, BENCH_SKIP_BUILD: "1" };
  const run = await runNode(["--import", "tsx", "bench/run.ts"], env);
  expect(run.stderr).not.toMatch(/Error/);
  expect(run.code).toBe(0);
  const results = readFileSync(out, "utf8");
  for (const heading of ["## Targets", "### One call at a time", "### 64 calls in flight", "### Bundle size", "### Type-check cost"]) {
    expect(results).toContain(heading);
  }
  for (const client of ["node:http (floor)", "fetch (by hand)", "this client (node)", "this client (fetch)", "@superoffice/webapi"]) {
    expect(results.match(new RegExp(`\\| ${client.replace(/[()]/g, "\\$&")} \\| [\\d.]+ µs \\| [\\d.]+ µs \\| [\\d.]+× \\| [\\d.]+× `, "g"))).toHaveLength(2);
  }
  expect(results).toMatch(/\| whole browser bundle, all \d+ operations, min \+ gzip \| \d+ B \| 10240 B \| (yes|no) \|/);
  expect(results).toMatch(/\| this client \(three operations called\) \| \d+ B \| \d+ B \|/);
  expect(results).toMatch(/One more operation costs \d+\.\d B min\+gzip/);
  for (const target of ["median vs node:http floor", "median vs fetch by hand", "median vs the official client", "p99 vs node:http floor p99", "p99 vs fetch by hand p99"]) {
    expect(results).toMatch(new RegExp(`\\| this client \\((node|fetch)\\) ${target} \\| [\\d.]+× \\| [\\d.]+× \\| (yes|no) \\|`));
  }
}, 120_000);
