// The README's TypeScript examples compile against the built package, as a user would paste them.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { readmeWithTable } from "../scripts/operations-table.js";
import { createConsumerProject } from "../scripts/lib/consumer-project.js";
import { loadSpec, localBin, repoRoot } from "../scripts/lib/spec.js";

const run = promisify(execFile);
// A project of its own outside the checkout, where "superoffice-user-api" is installed as npm would link it.
const project = createConsumerProject("readme-", ["@types/node"]);
const dir = project.dir;
afterAll(() => project.remove());

const snippets = [...readFileSync(join(repoRoot, "README.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/**
 * The snippets as one file, the way a user pasting them in order would write it: the named imports of each
 * module merged into one import declaration at the top (a second `import { x }` of the same name is an error).
 */
function asOneModule(parts: string[]): string {
  const imports = new Map<string, Set<string>>();
  const body = parts.join("\n").replace(/^import (type )?\{([^}]*)\} from "([^"]+)";\n/gm, (_, type: string | undefined, names: string, from: string) => {
    const set = imports.get(from) ?? new Set<string>();
    for (const name of names.split(",").map((n) => n.trim()).filter(Boolean)) set.add(type && !name.startsWith("type ") ? `type ${name}` : name);
    imports.set(from, set);
    return "";
  });
  const declarations = [...imports].map(([from, names]) => {
    // A name imported both as a value and as a type needs only the value import.
    const values = new Set([...names].filter((n) => !n.startsWith("type ")));
    const kept = [...names].filter((n) => !n.startsWith("type ") || !values.has(n.slice(5)));
    return `import { ${kept.join(", ")} } from "${from}";`;
  });
  return [...declarations, body].join("\n");
}

/** Type-checks the snippets as one module; returns tsc's complaints ("" when none). */
async function typecheck(code: string): Promise<string> {
  writeFileSync(join(dir, "readme.ts"), code);
  const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["readme.ts"] }));
  return run(localBin("tsc"), ["-p", dir], { cwd: repoRoot }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
}

it("every ```ts example of the README type-checks, in order, against the built package", async () => {
  expect(snippets.length).toBeGreaterThanOrEqual(3);
  expect(await typecheck(asOneModule(snippets))).toBe("");
});

it("the check is real: a wrong call appended to the examples fails", async () => {
  const output = await typecheck(`${asOneModule(snippets)}\nawait api.getUser({ id: "500" });\n`);
  expect(output).toContain("error TS2322");
});

it("the operation table is the contract's: every operation, grouped as the docs are (npm run readme:operations)", () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  expect(readme, "run `npm run readme:operations`").toBe(readmeWithTable(readme, loadSpec()));
});
