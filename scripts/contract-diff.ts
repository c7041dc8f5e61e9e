// npm run contract:diff -- <git-ref>            compare openapi.yaml with its version at a git ref (main, v1.2.0, HEAD~3)
// npm run contract:diff -- --old a.yaml --new b.yaml   compare two files
// Lists breaking and other changes; exits 1 when there are breaking changes that info.version does not bump for.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { diffContracts, requiredBump } from "./lib/breaking-changes.js";
import { loadSpec, repoRoot, specPath, type OpenApiDocument } from "./lib/spec.js";

function usage(problem: string): never {
  console.error(`contract:diff: ${problem}\nusage: npm run contract:diff -- <git-ref>   or   npm run contract:diff -- --old <file> --new <file>`);
  process.exit(2);
}

/** openapi.yaml as committed at a git ref. */
function specAtRef(ref: string): OpenApiDocument {
  try {
    const text = execFileSync("git", ["show", `${ref}:openapi.yaml`], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return parse(text) as OpenApiDocument;
  } catch (error) {
    usage(`cannot read openapi.yaml at git ref '${ref}': ${String((error as { stderr?: string }).stderr ?? error).trim()}`);
  }
}

/** Whether going from `before` to `after` is at least the given semver bump. */
function bumped(before: string, after: string, needed: string): boolean {
  const [a, b] = [before, after].map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
  if (needed === "major") return b![0]! > a![0]!;
  if (needed === "minor") return b![0]! > a![0]! || (b![0] === a![0] && b![1]! > a![1]!);
  return after !== before;
}

const { values, positionals } = parseArgs({ options: { old: { type: "string" }, new: { type: "string" } }, allowPositionals: true });
if (positionals.length > 1 || (positionals.length === 1) === Boolean(values.old)) usage("give one git ref, or --old and --new");
const oldDoc = values.old ? loadSpec(values.old) : specAtRef(positionals[0]!);
const newDoc = loadSpec(values.new ?? specPath);

const changes = diffContracts(oldDoc, newDoc);
const breaking = changes.filter((c) => c.breaking);
const other = changes.filter((c) => !c.breaking);
const versions = [String((oldDoc.info as any)?.version), String((newDoc.info as any)?.version)] as const;

console.log(`Contract ${versions[0]} -> ${versions[1]}: ${breaking.length} breaking, ${other.length} other changes`);
if (breaking.length) console.log(`\nBreaking:\n${breaking.map((c) => `  - ${c.location}: ${c.message}`).join("\n")}`);
if (other.length) console.log(`\nOther:\n${other.map((c) => `  - ${c.location}: ${c.message}`).join("\n")}`);
const needed = requiredBump(changes, versions[0]);
if (needed !== "none") console.log(`\nThese changes need at least a ${needed} version bump of info.version (semver).`);
if (breaking.length && !bumped(versions[0], versions[1], needed)) {
  console.error(`\ncontract:diff: breaking changes without a ${needed} bump (info.version ${versions[0]} -> ${versions[1]})`);
  process.exit(1);
}
