// The code of docs/*.md: every ```ts block is a complete program that type-checks against the client, and every recipe
// of docs/recipes.md runs, as a reader would run it (node + tsx), against the Prism mock that `npm start` runs, with
// the package's import mapped to src/. Each recipe's output is checked against the contract's examples it prints.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createConsumerProject } from "../scripts/lib/consumer-project.js";
import { localBin, repoRoot } from "../scripts/lib/spec.js";
import { runNode } from "./helpers/processes.js";
import { doc, responseExample } from "./helpers/spec-examples.js";

const run = promisify(execFile);
const docsDir = join(repoRoot, "docs");

/** A ```ts block of a docs page, with the `## ` heading it stands under. */
type Block = { page: string; heading: string; code: string };

/** The ```ts blocks of one page, in order, each with the heading above it. */
function blocksOf(page: string): Block[] {
  const text = readFileSync(join(docsDir, page), "utf8");
  const blocks: Block[] = [];
  let heading = "";
  for (const part of text.split(/^(```ts\n[\s\S]*?^```)$/m)) {
    if (part.startsWith("```ts\n")) blocks.push({ page, heading, code: part.slice(6, -3) });
    else heading = [...part.matchAll(/^## (.+)$/gm)].pop()?.[1] ?? heading;
  }
  return blocks;
}

const pages = readdirSync(docsDir).filter((name) => name.endsWith(".md"));
const allBlocks = pages.flatMap(blocksOf);
const recipes = blocksOf("recipes.md");

// A project of its own outside the checkout; the blocks' import resolves to src/ through tsconfig paths.
const project = createConsumerProject("docs-", ["@types/node"]);
const dir = project.dir;
afterAll(() => project.remove());

/** Type-checks files of `dir` as the reader's strict ESM project would; returns tsc's complaints ("" when none). */
async function typecheck(files: string[]): Promise<string> {
  const compilerOptions = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
    paths: { "superoffice-user-api": [join(repoRoot, "src", "index.ts")] },
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }));
  return run(localBin("tsc"), ["-p", dir], { cwd: repoRoot }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
}

/** A block as a file of its own; `export {}` keeps it a module even if it has no import. */
function writeBlock(name: string, code: string): string {
  writeFileSync(join(dir, name), `${code}\nexport {};\n`);
  return name;
}

describe("the code of docs/*.md", () => {
  it("every ```ts block type-checks as a program of its own, and a wrong one does not", async () => {
    expect(pages).toContain("recipes.md");
    const files = allBlocks.map((block, i) => writeBlock(`block-${i}.mts`, block.code));
    const wrong = writeBlock("wrong.mts", recipes[0]!.code.replace(/so\.userAgent\.makeRetired\(/, "so.userAgent.makeRetird("));
    const output = await typecheck([...files, wrong]);
    expect(output.split("\n").filter((line) => /error TS/.test(line) && !/wrong\.mts/.test(line))).toEqual([]);
    expect(output).toMatch(/wrong\.mts.*error TS2551/);
  }, 60_000);
});

/** The rows of the mock's default GET /User page, and the values the recipes print from the examples. */
const listPage = responseExample("listUsers", "200");
const forbidden = (doc.components.examples as Record<string, { value: { Message: string } }>).ForbiddenErrorExample!.value;
const generatedPassword: string = responseExample("userAgentSetGeneratedPassword", "200");

/** What each recipe must print against the mock, by its heading. */
const expectedOutput: Record<string, (stdout: string) => void> = {
  "Online, partner apps and these calls": (out) => expect(out).toBe(`refused: 403 ${forbidden.Message}\n`),
  "List all users, paged, with a few columns": (out) => {
    expect(listPage["odata.nextLink"], "the mock's default page is a last page").toBeUndefined();
    expect(out).toContain(`${listPage.value.length} users\n`);
    for (const row of listPage.value) expect(out).toContain(`${row.PrimaryKey} `);
  },
  "Find a user by login name": (out) =>
    expect(out).toBe(`${listPage.value.length} row(s) for ruth.berg@example.com; first associate id ${listPage.value[0].PrimaryKey}\nuser 500: RMB (ruth.berg@example.com)\n`),
  "Onboard a user for an existing person": (out) => expect(out).toMatch(/^created user \d+: role Sales, group Sales, plan Sales-Premium\n$/),
  "Reset a password": (out) => {
    expect(out).toBe(`e-mail to 500: sent\nnew password set for 500 (${generatedPassword.length} characters, not shown)\n`);
    expect(out).not.toContain(generatedPassword);
  },
  "Deactivate a leaver": (out) => expect(out).toBe("retired 500 (ruth.berg@example.com)\n"),
  "Add a user to a group, and remove them from one": (out) => expect(out).toMatch(/^RMB: main group Sales, other groups .*Service/),
  "Change a user's role": (out) => expect(out).toBe("user 500 now has role 1 (Administrator)\n"),
  "Set a user's licences": (out) => expect(out).toBe("licences changed: -Sales-Premium +Service-Essentials\n"),
};

describe("docs/recipes.md against the mock", () => {
  const env = { ...process.env, SO_ACCESS_TOKEN: "recipe-token", SO_APP_TOKEN: "recipe-app", SO_USERNAME: "ADM0", SO_PASSWORD: "recipe-secret" };
  const entry = pathToFileURL(join(repoRoot, "src", "node.ts")).href;

  it("every recipe has an expected output, and every expected output a recipe", () => {
    expect(recipes.map((r) => r.heading).sort()).toEqual(Object.keys(expectedOutput).sort());
  });

  for (const [i, recipe] of recipes.entries()) {
    it(`runs: ${recipe.heading}`, async () => {
      // The package's import, as the Node entry of the package resolves it, but from src/.
      const file = join(dir, `recipe-${i}.mts`);
      writeFileSync(file, recipe.code.replace(/from "superoffice-user-api"/g, `from ${JSON.stringify(entry)}`));
      const result = await runNode(["--import", "tsx", file], { ...env, SO_BASE_URL: inject("prismUrl") });
      expect(result.stderr, result.stdout).toBe("");
      expect(result.code).toBe(0);
      expectedOutput[recipe.heading]!(result.stdout);
    });
  }
});
