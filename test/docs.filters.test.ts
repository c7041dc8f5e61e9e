// The `$filter` advice agrees with the contract: every restriction in the README, docs/*.md and the contract's own
// examples uses a column whose type listUsers' description gives, with an operator it lists for that type.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deref, repoRoot } from "../scripts/lib/spec.js";
import { doc } from "./helpers/spec-examples.js";

const listUsers = doc.paths["/User"]!.get;
const description: string = listUsers.description;

/** Column name to the operators its type allows, from the description's "- type (`col`, ...): `op`, ..." lines. */
function operatorsByColumn(text: string): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const [, columns, rest] of text.matchAll(/^- [\w ]+ \(([^)]*)\): ([\s\S]*?)(?=^- |^\S|^$)/gm)) {
    const operators = new Set([...rest!.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!));
    for (const [, column] of columns!.matchAll(/`(\w+)`/g)) map.set(column!, operators);
  }
  return map;
}

/** The `<column> <operator> <value>` restrictions of a filter expression. */
const restrictions = (expression: string) => [...expression.matchAll(/(\w+)\s+(\w+)\s+(?=['\d$])/g)].map((m) => [m[1]!, m[2]!] as const);

/** The filter expressions written in a text: `$filter: "..."`, `$filter: \`...\``, `$filter=...` up to a closing quote. */
const filtersIn = (text: string) =>
  [...text.matchAll(/\$filter(?::\s*["`]([^"`]*)["`]|=([^`\n]*'))/g)].map((m) => m[1] ?? m[2]!).filter((f) => !f.startsWith("..."));

const docsDir = join(repoRoot, "docs");
const texts: [string, string][] = [
  ["README.md", readFileSync(join(repoRoot, "README.md"), "utf8")],
  ...readdirSync(docsDir).filter((f) => f.endsWith(".md")).map((f): [string, string] => [`docs/${f}`, readFileSync(join(docsDir, f), "utf8")]),
];
const filterParameter = listUsers.parameters.map((p: unknown) => deref(doc, p)).find((p: { name: string }) => p.name === "$filter");

describe("$filter operators", () => {
  const allowed = operatorsByColumn(description);

  it("the contract lists operators per column type: begins for strings, eq for integers, and userName is the login", () => {
    expect(allowed.get("userName")).toEqual(new Set(["begins", "contains", "is", "notBegins", "notContains", "isNot"]));
    expect([...allowed.get("personId")!]).toEqual(expect.arrayContaining(["equals", "eq", "gt"]));
    expect(allowed.get("fullName")?.has("eq")).toBe(false);
    expect(description).toMatch(/login name is the `userName` column/);
  });

  const cases = [
    ...texts.flatMap(([file, text]) => filtersIn(text).map((f) => [file, f] as const)),
    ["the $filter parameter's example", filterParameter.example] as const,
    ["the $filter parameter's description", /`([^`]*'[^`]*)`/.exec(filterParameter.description)![1]!] as const,
  ];

  it("the docs write filters (so this test checks something)", () => {
    expect(cases.filter(([file]) => file === "README.md").length).toBeGreaterThan(0);
    expect(cases.filter(([file]) => file === "docs/recipes.md").length).toBeGreaterThan(0);
  });

  it.each(cases)("%s: %s uses documented columns with their type's operators", (_, filter) => {
    const found = restrictions(filter);
    expect(found.length, filter).toBeGreaterThan(0);
    for (const [column, operator] of found) {
      expect(allowed.has(column), `column ${column} has no type in listUsers' description`).toBe(true);
      expect([...allowed.get(column)!], `${column} ${operator}`).toContain(operator);
    }
  });
});
