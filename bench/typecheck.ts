// What the types cost a consumer: `tsc --noEmit` on a file that calls every operation, against an empty file.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createConsumerProject } from "../scripts/lib/consumer-project.js";
import { deref, listOperations, loadSpec, localBin, operationParameters, repoRoot } from "../scripts/lib/spec.js";
import { clientPlace } from "../src/naming.js";

/** Wall time of the two type-checks, in milliseconds (median of `runs`). */
export type TypecheckCost = { consumerMs: number; emptyMs: number; operations: number };

/** A consumer calling every operation of the contract through the built package, with minimal valid arguments. */
export function consumerSource(): string {
  const doc = loadSpec();
  const calls = listOperations(doc).map((op) => {
    const { namespace, name } = clientPlace(op.operationId, op.path);
    const params = operationParameters(doc, op);
    const query = params.filter((p) => p.in === "query" && p.required).map((p) => `${p.name}: 1`);
    const requestBody = op.operation.requestBody ? deref(doc, op.operation.requestBody) : undefined;
    const bodySchema = requestBody?.required ? deref(doc, requestBody.content?.["application/json"]?.schema ?? {}) : undefined;
    const args = [
      ...params.filter((p) => p.in === "path").map((p) => `${p.name}: 1`),
      ...(query.length ? [`query: { ${query.join(", ")} }`] : []),
      ...(bodySchema ? [`body: ${bodySchema.type === "array" ? "[]" : "{}"}`] : []),
    ];
    return `  await api.${namespace ? `${namespace}.` : ""}${name}({ ${args.join(", ")} });`;
  });
  return [
    'import { createUserApiClient } from "superoffice-user-api";',
    'const api = createUserApiClient({ baseUrl: "https://online.superoffice.com/Cust1/api/v1", auth: { bearer: "t" } });',
    "export async function useAll() {",
    ...calls,
    "}",
    "",
  ].join("\n");
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timeTsc(dir: string): number {
  const started = performance.now();
  execFileSync(localBin("tsc"), ["-p", dir], { cwd: repoRoot, stdio: "pipe" });
  return performance.now() - started;
}

/** Type-checks both files in a temp project that resolves the package through node_modules, like a consumer's. */
export function measureTypecheck(runs: number): TypecheckCost {
  const project = createConsumerProject("bench-typecheck-");
  const dir = project.dir;
  try {
    const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] };
    const project = (file: string) => {
      const sub = join(dir, file.replace(".ts", ""));
      mkdirSync(sub);
      writeFileSync(join(sub, "tsconfig.json"), JSON.stringify({ compilerOptions, files: [file] }));
      return sub;
    };
    const consumerDir = project("consumer.ts");
    writeFileSync(join(consumerDir, "consumer.ts"), consumerSource());
    const emptyDir = project("empty.ts");
    writeFileSync(join(emptyDir, "empty.ts"), "export {};\n");
    timeTsc(consumerDir); // warm the file cache
    const consumer: number[] = [];
    const empty: number[] = [];
    for (let i = 0; i < runs; i++) {
      consumer.push(timeTsc(consumerDir));
      empty.push(timeTsc(emptyDir));
    }
    return { consumerMs: median(consumer), emptyMs: median(empty), operations: listOperations(loadSpec()).length };
  } finally {
    project.remove();
  }
}
