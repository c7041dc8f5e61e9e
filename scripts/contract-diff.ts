// npm run contract:diff -- <git-ref>            compare the contract with its version at a git ref (main, v1.2.0, HEAD~3)
// npm run contract:diff -- <old-ref> <new-ref>  compare the contract at two git refs
// npm run contract:diff -- --old a.yaml --new b.yaml   compare two contracts (root files; their $refs are followed)
// Both sides are bundled first, so a contract split over many files (openapi.yaml + contract/) compares as one.
// Lists breaking and other changes; exits 1 when there are breaking changes that info.version does not bump for.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { diffContracts, requiredBump } from "./lib/breaking-changes.js";
import { bundleContract, loadSpec, repoRoot, specPath, type OpenApiDocument } from "./lib/spec.js";

function usage(problem: string): never {
  console.error(`contract:diff: ${problem}\nusage: npm run contract:diff -- <git-ref> [<new-git-ref>]   or   npm run contract:diff -- --old <file> --new <file>`);
  process.exit(2);
}

/** A contract's root file bundled into one document: every file it `$ref`s is read from where it lies. */
function bundled(root: string, cwd: string): OpenApiDocument {
  const dir = mkdtempSync(join(tmpdir(), "contract-diff-"));
  try {
    bundleContract(root, join(dir, "bundle.json"), cwd);
    return loadSpec(join(dir, "bundle.json"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The contract as committed at a git ref: openapi.yaml and contract/ (a single openapi.yaml before the split),
 * extracted in one `git archive | tar -x` (one process pair, not one `git show` per file), then bundled.
 */
function specAtRef(ref: string): OpenApiDocument {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const dir = mkdtempSync(join(tmpdir(), "contract-at-ref-"));
  try {
    git("cat-file", "-e", `${ref}:openapi.yaml`);
    const paths = git("ls-tree", "--name-only", ref, "--", "openapi.yaml", "contract").split("\n").filter(Boolean);
    const archive = execFileSync("git", ["archive", "--format=tar", ref, "--", ...paths], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive, stdio: ["pipe", "ignore", "pipe"] });
    return bundled(join(dir, "openapi.yaml"), dir);
  } catch (error) {
    usage(`cannot read openapi.yaml at git ref '${ref}': ${String((error as { stderr?: string }).stderr ?? error).trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
if (positionals.length > 2 || (positionals.length > 0) === Boolean(values.old)) usage("give one or two git refs, or --old and --new");
const oldDoc = values.old ? bundled(resolve(values.old), repoRoot) : specAtRef(positionals[0]!);
const newDoc = positionals[1] ? specAtRef(positionals[1]) : bundled(values.new ? resolve(values.new) : specPath, repoRoot);

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
