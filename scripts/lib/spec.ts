// Bundling and reading the contract and walking its operations: shared by the generator, the checks and the tests.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { publishAtomic } from "./atomic-write.js";

/** Absolute path of the repository root. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Absolute path of a command installed in the project's node_modules/.bin (redocly, prism, tsc). */
export function localBin(name: string): string {
  return join(repoRoot, "node_modules", ".bin", name);
}

/** Absolute path of the hand-written contract's root file; it `$ref`s the files under contract/. */
export const specPath = fileURLToPath(new URL("../../openapi.yaml", import.meta.url));

/** Absolute path of the bundled contract (one file, local `$ref`s only), written by `npm run generate`. */
export const bundlePath = join(repoRoot, "generated", "openapi.json");

/** The environment of every redocly run: no CLI telemetry, no update check (redocly.yaml says `telemetry: off` too). */
export const redoclyEnv = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/**
 * Bundles a multi-file contract into one file (JSON or YAML by extension) with Redocly, the same way as generate.
 * The file appears whole or not at all: other processes (tests in parallel workers) may be reading it.
 */
export function bundleContract(entry: string, output: string, cwd: string = repoRoot): void {
  publishAtomic(output, (partial) =>
    execFileSync(localBin("redocly"), ["bundle", entry, "--output", partial], { cwd, stdio: ["ignore", "ignore", "pipe"], env: redoclyEnv }),
  );
}

/** The HTTP methods an OpenAPI path item may hold, in the order the generator emits them. */
export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** A loosely typed OpenAPI document: the scripts only read the parts they need. */
export type OpenApiDocument = {
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
  [key: string]: unknown;
};

/** One operation of the contract, with its place in the document. */
export type SpecOperation = {
  operationId: string;
  method: (typeof httpMethods)[number];
  path: string;
  operation: Record<string, any>;
};

/**
 * Parses a single-file contract into a plain object: by default the bundle in generated/, which `npm test`
 * checks is fresh before any test reads it (and test/global-setup.ts checks again).
 */
export function loadSpec(path: string = bundlePath): OpenApiDocument {
  const text = readFileSync(path, "utf8");
  // JSON.parse reads the 0.9 MB bundle in milliseconds; the YAML parser takes about a second for the same text.
  return (path.endsWith(".json") ? JSON.parse(text) : parse(text)) as OpenApiDocument;
}

/** Resolves a local `#/components/...` reference of a bundled contract, or returns the object as it is. */
export function deref<T = any>(doc: OpenApiDocument, value: any): T {
  let current = value;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`deref reads bundled contracts (local $refs only), got ${ref}: bundle first`);
    current = ref
      .slice(2)
      .split("/")
      .reduce((node: any, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    if (current === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return current as T;
}

/** Every operation of the document, in path order. */
export function listOperations(doc: OpenApiDocument): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of httpMethods) {
      const operation = item[method];
      if (!operation) continue;
      if (typeof operation.operationId !== "string") {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      }
      out.push({ operationId: operation.operationId, method, path, operation });
    }
  }
  return out;
}

/** The resolved parameters of an operation (path-level ones first, as OpenAPI merges them). */
export function operationParameters(doc: OpenApiDocument, op: SpecOperation): Record<string, any>[] {
  const pathLevel = doc.paths[op.path]?.parameters ?? [];
  return [...pathLevel, ...(op.operation.parameters ?? [])].map((p) => deref(doc, p));
}

/** The JSON schema of each 2xx answer of an operation (undefined for 204 or a response without content). */
export function successSchemas(doc: OpenApiDocument, op: SpecOperation): (any | undefined)[] {
  return Object.entries<any>(op.operation.responses)
    .filter(([status]) => /^2\d\d$/.test(status))
    .map(([, response]) => deref(doc, response).content?.["application/json"]?.schema);
}

/** True when an operation's answer is itself a secret (x-superoffice-secret on its 2xx schema): a password, a token. */
export function answersSecret(doc: OpenApiDocument, op: SpecOperation): boolean {
  return successSchemas(doc, op).some((schema) => schema !== undefined && deref(doc, schema)["x-superoffice-secret"] === true);
}
