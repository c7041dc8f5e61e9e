// The contract's files and names follow rules a newcomer can rely on (as DigitalOcean's spec enforces its own):
// openapi.yaml holds only the document's head and $refs; a path's file mirrors its URL; a component's file is
// named after the component; agent operationIds follow the client's naming rule.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { clientPlace } from "../src/naming.js";
import { listOperations, loadSpec, repoRoot, specPath } from "../scripts/lib/spec.js";

const root = parse(readFileSync(specPath, "utf8"));
const bundle = loadSpec();
const contractDir = join(repoRoot, "contract");

/** Every file under a directory, relative to the repository root, with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/** The folder of each component type under contract/components/. */
const componentFolders: Record<string, string> = {
  schemas: "schemas",
  parameters: "parameters",
  requestBodies: "request-bodies",
  responses: "responses",
  headers: "headers",
  examples: "examples",
  securitySchemes: "security-schemes",
};

describe("the root file", () => {
  it("holds only the document's head, the path list and the security schemes, as $refs", () => {
    expect(Object.keys(root).sort()).toEqual(["components", "info", "openapi", "paths", "security", "servers", "tags", "x-tagGroups"]);
    expect(Object.keys(root.components)).toEqual(["securitySchemes"]);
    for (const [name, value] of Object.entries<any>({ ...root.paths, ...root.components.securitySchemes })) {
      expect(Object.keys(value), name).toEqual(["$ref"]);
    }
    expect(readFileSync(specPath, "utf8").split("\n").length).toBeLessThan(400);
  });

  it("refers to each path item by a file that mirrors its URL: /User/{id} is contract/paths/User/{id}.yaml", () => {
    for (const [path, item] of Object.entries<any>(root.paths)) expect(item.$ref, path).toBe(`./contract/paths${path}.yaml`);
    const pathFiles = filesUnder(join(contractDir, "paths"));
    expect(pathFiles).toEqual(Object.keys(root.paths).map((path) => `contract/paths${path}.yaml`).sort());
  });
});

describe("component files", () => {
  const files = filesUnder(join(contractDir, "components"));

  it("live in one folder per component type, each named after its component", () => {
    for (const file of files) {
      const [, , folder, ...rest] = file.split("/");
      const type = Object.keys(componentFolders).find((key) => componentFolders[key] === folder);
      expect(type, `${file}: not in a component type's folder`).toBeDefined();
      const name = rest.at(-1)!.replace(/\.yaml$/, "");
      expect(bundle.components[type!]?.[name], `${file} is not bundled as components.${type}.${name}`).toBeDefined();
    }
  });

  it("are the only source of components, with no name used twice", () => {
    const named = files.map((file) => `${file.split("/")[2]}/${file.split("/").at(-1)}`);
    expect(new Set(named).size, "two files with one name in a component folder").toBe(named.length);
    const bundled = Object.entries(bundle.components).flatMap(([type, entries]) => Object.keys(entries).map((name) => `${componentFolders[type]}/${name}.yaml`));
    expect(bundled.sort()).toEqual(named.sort());
  });

  it("agent request bodies sit beside their agent: contract/components/schemas/Agents/<Agent>/<Method>Request.yaml", () => {
    for (const op of listOperations(bundle).filter((o) => o.path.startsWith("/Agents/"))) {
      const ref: string | undefined = op.operation.requestBody?.content?.["application/json"]?.schema?.$ref;
      if (!ref?.endsWith("Request")) continue;
      const method = op.path.split("/").at(-1);
      expect(files, op.operationId).toContain(`contract/components/schemas${op.path.replace(/\/[^/]+$/, "")}/${method}Request.yaml`);
    }
  });
});

describe("operation names", () => {
  const operations = listOperations(bundle);

  it("operationIds are unique", () => {
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("agent operationIds are <agent>Agent<Method>, so the client's userAgent.getUser is userAgentGetUser", () => {
    const agentOps = operations.filter((op) => op.path.startsWith("/Agents/"));
    expect(agentOps.length).toBeGreaterThan(0);
    for (const op of agentOps) {
      const { namespace, name } = clientPlace(op.operationId, op.path);
      expect(op.method, op.path).toBe("post");
      expect(op.operationId).toBe(`${namespace}${name.charAt(0).toUpperCase()}${name.slice(1)}`);
    }
  });

  it("REST operationIds start with a verb that fits the method", () => {
    const verbs: Record<string, RegExp> = {
      get: /^(get|list)[A-Z]/,
      post: /^(create|validate)[A-Z]/,
      put: /^(update|set)[A-Z]/,
      patch: /^patch[A-Z]/,
      delete: /^delete[A-Z]/,
    };
    for (const op of operations.filter((o) => !o.path.startsWith("/Agents/"))) {
      expect(op.operationId, `${op.method.toUpperCase()} ${op.path}`).toMatch(verbs[op.method]!);
    }
  });
});
