// The bundle through three more TypeScript generators, run as the README says: orval (one file, fetch client),
// swagger-typescript-api and openapi-zod-client. One tsc --strict run checks all three outputs, with the contract's
// examples typed by the first two; the third's zod schemas parse every example.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyExamplesOf, schemaExamplesOf } from "../scripts/lib/examples.js";
import { httpMethods, listOperations, loadSpec, localBin, repoRoot } from "../scripts/lib/spec.js";
import { componentExamples, componentOf, typedExamplesModule } from "./helpers/example-types.js";
import { runProcess, type ProcessResult } from "./helpers/processes.js";

const doc = loadSpec();
const examples = [...bodyExamplesOf(doc), ...schemaExamplesOf(doc)];
const schemaNames = Object.keys(doc.components.schemas!);
const operationIds = listOperations(doc).map((op) => op.operationId);
const staConfig = "test/fixtures/swagger-typescript-api.config.mjs";

/** Each generator's command line as the README shows it (run from the repository root; `out/` is a temp dir here). */
const commands = {
  orval: "orval --input generated/openapi.json --output out/orval/api.ts --client fetch --mode single",
  sta: `swagger-typescript-api generate --path generated/openapi.json --output out/sta --name Api.ts --enum-style union --custom-config ${staConfig} --silent`,
  zod: "openapi-zod-client generated/openapi.json --output out/zod/client.ts --export-schemas",
};
type Generator = keyof typeof commands;

let dir: string;
const runs = {} as Record<Generator, ProcessResult>;
let tscErrors: string[] = [];
const source = (file: string) => readFileSync(join(dir, file), "utf8");
const errorsIn = (folder: string) => tscErrors.filter((line) => line.startsWith(`${folder}/`));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "generators-"));
  // The zod client imports zod, @zodios/core and axios: openapi-zod-client's own dependencies, found through this link.
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  mkdirSync(join(dir, "zod"));
  await Promise.all(
    (Object.entries(commands) as [Generator, string][]).map(async ([name, command]) => {
      const [bin, ...args] = command.replaceAll("out/", `${dir}/`).split(" ");
      runs[name] = await runProcess(localBin(bin!), args);
    }),
  );
  if (Object.values(runs).some((run) => run.code !== 0)) return;
  writeFileSync(join(dir, "orval/examples.ts"), typedExamplesModule(examples, "./api.js"));
  writeFileSync(join(dir, "sta/examples.ts"), typedExamplesModule(examples, "./Api.js"));
  const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true };
  const tsconfig = { compilerOptions: { ...compilerOptions, lib: ["ES2022", "DOM", "DOM.Iterable"], types: [] }, include: ["orval", "sta", "zod"] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  const tsc = await runProcess(localBin("tsc"), ["-p", dir, "--pretty", "false"]);
  tscErrors = tsc.stdout.split("\n").filter((line) => line.includes("error TS"));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the README shows the commands run here, and the swagger-typescript-api config file", () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const squashed = (text: string) => text.replace(/\s+/g, " ");
  const config = readFileSync(join(repoRoot, staConfig), "utf8");
  const shown = [...Object.values(commands).map((command) => `npx ${command.replace(staConfig, "sta.config.mjs")}`), config.slice(config.indexOf("export default"))];
  // Compared without line breaks and indentation; the message names what is missing, not the whole README.
  for (const text of shown) expect(squashed(readme).includes(squashed(text)), text).toBe(true);
});

it("the examples cover every kind of body: each one that is left out has an inline schema without a component", () => {
  const typed = componentExamples(examples);
  expect(typed.length).toBeGreaterThan(100);
  expect(new Set(typed.map((e) => e.type)).size).toBeGreaterThan(60);
  for (const example of examples.filter((e) => !componentOf(e.schema))) expect(JSON.stringify(example.schema), example.label).not.toContain("$ref");
});

describe("orval 7 (single file, fetch client)", () => {
  it("generates a function per operation and a type per schema", () => {
    expect(runs.orval.code, runs.orval.stderr).toBe(0);
    const api = source("orval/api.ts");
    for (const id of operationIds) expect(api, id).toMatch(new RegExp(`^export const ${id} = async \\(`, "m"));
    for (const name of schemaNames) expect(api, name).toMatch(new RegExp(`^export (type|interface) ${name}\\b`, "m"));
  });

  it("type-checks under --strict, with every example typed by its schema's type", () => {
    expect(errorsIn("orval")).toEqual([]);
  });
});

describe("swagger-typescript-api 13 (fetch client, union enums, the config file's hook)", () => {
  it("generates a method per operation, each with an HTTP method, and a type per schema", () => {
    expect(runs.sta.code, runs.sta.stderr).toBe(0);
    const api = source("sta/Api.ts");
    for (const id of operationIds) expect(api, id).toMatch(new RegExp(`^ {4}${id}: \\(`, "m"));
    const methods = [...api.matchAll(/^ {8}method: "(\w+)",$/gm)].map((m) => m[1]!.toLowerCase());
    expect(methods).toHaveLength(operationIds.length);
    expect(methods.filter((method) => !(httpMethods as readonly string[]).includes(method))).toEqual([]);
    for (const name of schemaNames) expect(api, name).toMatch(new RegExp(`^export (type|interface) ${name}\\b`, "m"));
  });

  it("keeps null in nullable objects with properties (the hook), and type-checks with every example", () => {
    expect(source("sta/Api.ts")).toMatch(/^export type TableRight = \{[^]*?^\} \| null;$/m);
    expect(errorsIn("sta")).toEqual([]);
  });
});

describe("openapi-zod-client 1 (zod schemas and a Zodios client)", () => {
  let schemas: Record<string, { safeParse(value: unknown): { success: boolean }; array(): { safeParse(value: unknown): { success: boolean } } }>;
  beforeAll(async () => {
    if (runs.zod.code === 0) ({ schemas } = await import(pathToFileURL(join(dir, "zod/client.ts")).href));
  });

  it("generates a module that loads (recursive schemas are lazy) with a schema per component", () => {
    expect(runs.zod.code, runs.zod.stderr).toBe(0);
    expect(Object.keys(schemas).sort()).toEqual([...schemaNames].sort());
    expect(errorsIn("zod")).toEqual([]);
  });

  it("parses every example with its schema", () => {
    const failures = componentExamples(examples).filter((example) => {
      const component = componentOf(example.schema)!;
      const schema = component.array ? schemas[component.name]!.array() : schemas[component.name]!;
      return !schema.safeParse(example.value).success;
    });
    expect(failures.map((e) => e.label)).toEqual([]);
  });

  it("rejects a wrong value, also deep in a recursive list", () => {
    expect(schemas.User!.safeParse({ AssociateId: "5" }).success).toBe(false);
    expect(schemas.MDOListItem!.safeParse({ ChildItems: [{ ChildItems: [{ Id: "5" }] }] }).success).toBe(false);
    expect(schemas.MDOListItem!.safeParse({ ChildItems: [{ ChildItems: [{ Id: 5 }] }] }).success).toBe(true);
  });
});
