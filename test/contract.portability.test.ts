// The bundled contract outside TypeScript-by-openapi-typescript: a second validator, a second generator, Python.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@hey-api/openapi-ts";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createConsumerProject } from "../scripts/lib/consumer-project.js";
import { deref, listOperations, localBin, repoRoot } from "../scripts/lib/spec.js";
import { startHttpServer } from "./helpers/http-server.js";
import { runNode, runProcess } from "./helpers/processes.js";

const bundlePath = join(repoRoot, "generated/openapi.json");
const bundle = JSON.parse(readFileSync(bundlePath, "utf8"));

describe("the official OpenAPI 3.1 JSON Schema (@seriousme/openapi-schema-validator)", () => {
  it.each(["generated/openapi.json", "generated/openapi.yaml"])("accepts %s", async (file) => {
    const validator = new Validator();
    const result = await validator.validate(join(repoRoot, file));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("rejects a copy with a response that has no description", async () => {
    const broken = structuredClone(bundle);
    delete broken.paths["/User/Validate"].post.responses["200"].description;
    const result = await new Validator().validate(broken);
    expect(result.valid).toBe(false);
  });

  it("the contract's version is the package's version (one semver for both)", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(bundle.info.version).toBe(pkg.version);
  });
});

describe("Ajv in strict mode, as the README shows it", () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Using the contract from other languages"), readme.indexOf("### Versioning"));
  // The section's ```js block that uses Ajv (another shows a generator's config).
  const snippet = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.includes("Ajv")) ?? "";
  const addKeyword = 'ajv.addKeyword("x-superoffice-secret");';
  // A project of its own outside the checkout, with the package and Ajv installed as npm would link them.
  const project = createConsumerProject("ajv-", ["ajv", "ajv-formats"]);
  const dir = project.dir;
  afterAll(() => project.remove());
  // Appended to the README's block: compile every component schema with its `validator`, and try two values.
  const check = `
const names = Object.keys(openapi.components.schemas);
for (const name of names) if (typeof validator(name) !== "function") throw new Error("no validator for " + name);
console.log(JSON.stringify({ compiled: names.length, unknownUser: validator("User")({ Type: "Unknown" }), unknownInRequest: validator("KnownUserType")("Unknown") }));
`;
  const runSnippet = (code: string) => {
    const file = join(dir, `snippet-${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(file, code + check);
    return runNode([file]);
  };

  it("compiles every component schema of generated/openapi.json with the README's block, ajv-formats included", async () => {
    expect(snippet).toContain("new Ajv2020({ strict: true })");
    expect(snippet).toContain(addKeyword);
    const result = await runSnippet(snippet);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // The README's own example value is refused and printed (Administrator is no user type).
    expect(result.stdout).toContain("must be equal to one of the allowed values");
    const summary = JSON.parse(result.stdout.trim().split("\n").at(-1)!);
    expect(summary).toEqual({ compiled: Object.keys(bundle.components.schemas).length, unknownUser: true, unknownInRequest: false });
  });

  it("fails without the addKeyword line: strict mode refuses x-superoffice-secret, as the README says", async () => {
    const result = await runSnippet(snippet.replace(addKeyword, ""));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('strict mode: unknown keyword: "x-superoffice-secret"');
  });

  it("x-superoffice-secret is the only vendor keyword inside the schemas, so the block registers all there are", () => {
    const keywords = new Set<string>();
    const visit = (value: unknown, inProperties: boolean): void => {
      if (!value || typeof value !== "object") return;
      for (const [key, item] of Object.entries(value)) {
        if (!inProperties && key.startsWith("x-")) keywords.add(key);
        visit(item, !inProperties && (key === "properties" || key === "$defs"));
      }
    };
    visit(bundle.components.schemas, true);
    for (const op of listOperations(bundle)) {
      for (const body of [op.operation.requestBody, ...Object.values<any>(op.operation.responses)]) {
        for (const content of Object.values<any>(deref(bundle, body)?.content ?? {})) visit(content.schema, false);
      }
    }
    expect([...keywords]).toEqual(["x-superoffice-secret"]);
  });
});

describe("a second TypeScript generator (@hey-api/openapi-ts)", () => {
  it("generates a client from the bundle that type-checks, with the contract's types", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hey-api-"));
    await createClient({
      input: bundlePath,
      output: { path: join(dir, "out") },
      plugins: ["@hey-api/typescript", "@hey-api/sdk", "@hey-api/client-fetch"],
      logs: { level: "silent" },
    });
    copyFileSync(join(repoRoot, "test/fixtures/hey-api-consumer.ts"), join(dir, "consumer.ts"));
    const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true };
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { ...compilerOptions, lib: ["ES2022", "DOM", "DOM.Iterable"], types: [] }, include: ["**/*.ts"] }),
    );
    const types = readFileSync(join(dir, "out/types.gen.ts"), "utf8");
    // hey-api re-cases acronyms (MDOListItem becomes MdoListItem), hence the case-insensitive match.
    for (const name of Object.keys(bundle.components.schemas)) {
      expect(types, name).toMatch(new RegExp(`export type ${name} = `, "i"));
    }
    let output = "";
    try {
      execFileSync(localBin("tsc"), ["-p", dir], { encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toBe("");
  });
});

describe("a Python consumer (standard library only)", () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(() => server.close());
  const consumer = (baseUrl: string) => runProcess("python3", ["examples/python/contract_consumer.py", "--base-url", baseUrl]);

  it("calls every operation against Prism and finds the documented status and fields", async () => {
    const result = await consumer(inject("prismUrl")).catch((error: Error) => {
      throw new Error(`python3 is needed for this test (apt-get install -y python3): ${error.message}`);
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const operationIds = listOperations(bundle).map((op) => op.operationId);
    expect(operationIds.length).toBeGreaterThanOrEqual(18);
    for (const id of operationIds) expect(result.stdout).toMatch(new RegExp(`^ok  ${id}: `, "m"));
    expect(result.stdout).toContain(`${operationIds.length} operations checked, 0 problems`);
  });

  it("fails on a server that answers with undocumented fields", async () => {
    server.handle((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"Surprise": 1}'));
    const result = await consumer(server.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("undocumented field Surprise");
  });
});
