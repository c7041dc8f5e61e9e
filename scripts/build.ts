// `npm run build`: compiles src/ and generated/ to dist/ (ESM + .d.ts) and copies the generated types beside them.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { localBin, repoRoot } from "./lib/spec.js";

const dist = join(repoRoot, "dist");
rmSync(dist, { recursive: true, force: true });
execFileSync(localBin("tsc"), ["-p", "tsconfig.build.json"], { cwd: repoRoot, stdio: "inherit" });
// tsc does not emit .d.ts inputs, and generated/schema.d.ts is the package's type contract.
mkdirSync(join(dist, "generated"), { recursive: true });
copyFileSync(join(repoRoot, "generated", "schema.d.ts"), join(dist, "generated", "schema.d.ts"));
console.log(`built ${dist}`);
