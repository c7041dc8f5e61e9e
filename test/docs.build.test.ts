// What scripts/docs.ts renders and checks, without a browser: the telemetry and network checks of the page, the
// Content-Security-Policy, the docs-only rewrite of nullable references, the code samples (they type-check against
// the client and Prism accepts every curl call) and the quick start of the contract's introduction.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createConsumerProject } from "../scripts/lib/consumer-project.js";
import { collapseNullableRefs, docsDefinition, schemasTagName } from "../scripts/lib/docs-definition.js";
import { assertNoTelemetry, assertOffline, contentSecurityPolicy, finishPage } from "../scripts/lib/docs-page.js";
import { clientSample, curlSample, defaultServerUrl } from "../scripts/lib/docs-samples.js";
import { deref, listOperations, loadSpec, localBin, repoRoot } from "../scripts/lib/spec.js";

const run = promisify(execFile);
const doc = loadSpec();
const operations = listOperations(doc);

/** A page as build-docs writes it, cut down to what the checks look at. */
const builtPage = (options: object) =>
  `<!DOCTYPE html>\n<html>\n<head>\n  <title>t</title>\n</head>\n<body>\n  <div id="redoc"><script>document.documentElement.classList.add("light")</script></div>\n` +
  `  <script type="module">\n      const x = 1;\n      const __redoc_definition = {};\n      const __redoc_options = ${JSON.stringify(options)};\n\n      hydrate();\n  </script>\n</body>\n</html>\n`;

describe("telemetry and network", () => {
  it("redocly.yaml turns the CLI's and the page's telemetry off", () => {
    expect(parse(readFileSync(join(repoRoot, "redocly.yaml"), "utf8")).telemetry).toBe("off");
  });

  it("a page whose options would send telemetry fails the build, with the fix in the message", () => {
    expect(() => assertNoTelemetry(builtPage({ disableTelemetry: false }))).toThrow(/disableTelemetry.*false.*telemetry: off/);
    expect(() => assertNoTelemetry(builtPage({}))).toThrow(/would send telemetry/);
    expect(() => assertNoTelemetry(builtPage({ disableTelemetry: true }))).not.toThrow();
  });

  it("a page that would load anything from the network fails the build", () => {
    expect(() => assertOffline('<img src="https://cdn.redoc.ly/logo.svg">')).toThrow(/references the network/);
    expect(() => assertOffline('<a href="https://redocly.com/">docs</a>')).not.toThrow();
  });

  it("the finished page starts with a Content-Security-Policy that allows no connection and only its own scripts", () => {
    const page = finishPage(builtPage({ disableTelemetry: true }), "p { margin: 0 }\n");
    const head = page.slice(page.indexOf("<head>"), page.indexOf("<title>"));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(head)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    const scripts = [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    for (const script of scripts) expect(csp).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    expect(contentSecurityPolicy(page)).toBe(csp);
    expect(page).toContain('<style id="docs-layout">\np { margin: 0 }\n</style>');
  });
});

describe("nullable references, for Redoc's sake", () => {
  const field = (extra: object = {}): Record<string, any> => ({ description: "Own words.", ...extra });

  it("become one $ref marked x-nullable, keeping the field's own description (anyOf or oneOf, either order); an inline list becomes type [array, null]", () => {
    const schema = {
      properties: {
        a: field({ anyOf: [{ $ref: "#/components/schemas/X" }, { type: "null" }] }),
        b: field({ oneOf: [{ type: "null" }, { $ref: "#/components/schemas/X" }] }),
        c: field({ anyOf: [{ $ref: "#/components/schemas/X" }, { type: "string" }] }),
        d: field({ anyOf: [{ $ref: "#/components/schemas/X" }, { type: "null" }, { type: "string" }] }),
        e: field({ anyOf: [{ type: "array", items: { $ref: "#/components/schemas/X" } }, { type: "null" }] }),
      },
      example: { e: { anyOf: [{ $ref: "#/components/schemas/X" }, { type: "null" }] } },
    };
    expect(collapseNullableRefs(schema)).toBe(3);
    expect(schema.properties.a).toEqual({ description: "Own words.", $ref: "#/components/schemas/X", "x-nullable": true });
    expect(schema.properties.b).toEqual({ description: "Own words.", $ref: "#/components/schemas/X", "x-nullable": true });
    expect(schema.properties.c.anyOf).toHaveLength(2);
    expect(schema.properties.d.anyOf).toHaveLength(3);
    expect(schema.properties.e).toEqual({ description: "Own words.", type: ["array", "null"], items: { $ref: "#/components/schemas/X" } });
    expect(schema.example.e.anyOf).toHaveLength(2); // examples are data
  });

  it("are rewritten in the docs' copy only: the bundle passed in keeps its anyOf", () => {
    const before = JSON.stringify(doc);
    const rendered = docsDefinition(doc);
    expect(JSON.stringify(doc)).toBe(before);
    expect(JSON.stringify(rendered)).not.toMatch(/"anyOf":\[\{"\$ref":"[^"]+"\},\{"type":"null"\}\]/);
    expect(JSON.stringify(rendered)).not.toContain('{"type":"null"}');
  });
});

describe("the Schemas section", () => {
  it("is a tag of its own in a tag group of its own, after the contract's", () => {
    const rendered = docsDefinition(doc);
    expect((rendered.tags as { name: string }[]).at(-1)!.name).toBe(schemasTagName);
    const groups = rendered["x-tagGroups"] as { name: string; tags: string[] }[] | undefined;
    if (groups) expect(groups.at(-1)!.tags).toEqual([schemasTagName]);
    expect(parse(readFileSync(join(repoRoot, "redocly.yaml"), "utf8")).openapi.schemaDefinitionsTagName).toBe(schemasTagName);
  });
});

describe("code samples", () => {
  const rendered = docsDefinition(doc);

  it("every operation has a curl and a TypeScript sample", () => {
    for (const op of listOperations(rendered)) {
      const samples = op.operation["x-codeSamples"] as { lang: string; source: string }[];
      expect(samples.map((s) => s.lang), op.operationId).toEqual(["curl", "TypeScript"]);
      expect(samples[0]!.source).toMatch(new RegExp(`^curl -X ${op.method.toUpperCase()} '${defaultServerUrl(doc)}`));
      expect(samples[1]!.source).toContain('from "superoffice-user-api"');
    }
  });

  it("a GET sample sends the query parameters the call is made with: GET /User/Default's userType and personId", () => {
    const op = operations.find((o) => o.operationId === "getDefaultUser")!;
    expect(curlSample(doc, op)).toContain("/User/Default?userType=InternalAssociate&personId=58'");
    expect(clientSample(doc, op)).toMatch(/api\.getDefaultUser\(\{\s+query: \{\s+userType: "InternalAssociate",\s+personId: 58,\s+\},\s+\}\)/);
    // The list options only trim the answer: listUsers' sample calls it without them.
    expect(clientSample(doc, operations.find((o) => o.operationId === "listUsers")!)).toContain("await api.listUsers();");
  });

  // A project of its own outside the checkout; the samples' import resolves to src/ through tsconfig paths.
  const project = createConsumerProject("samples-", ["@types/node"]);
  const dir = project.dir;
  afterAll(() => project.remove());

  it("every TypeScript sample type-checks against the client, and a wrong one does not", async () => {
    const files = operations.map((op) => {
      writeFileSync(join(dir, `${op.operationId}.mts`), `${clientSample(doc, op)}\nexport {};\n`);
      return `${op.operationId}.mts`;
    });
    writeFileSync(join(dir, "wrong.mts"), `${clientSample(doc, operations[0]!).replace(/await api\.[\w.]+\(/, "await api.noSuchCall(")}\nexport {};\n`);
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
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: [...files, "wrong.mts"] }));
    const output = await run(localBin("tsc"), ["-p", dir], { cwd: repoRoot }).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(output.split("\n").filter((line) => /error TS/.test(line) && !/wrong\.mts/.test(line))).toEqual([]);
    expect(output).toMatch(/wrong\.mts.*error TS2339/);
  }, 60_000);

  it("Prism accepts every curl sample (path, auth, body) with a 2xx", async () => {
    const prismUrl = inject("prismUrl");
    const env = { ...process.env, SO_ACCESS_TOKEN: "sample-token", SO_USERNAME: "sample", SO_PASSWORD: "sample", SO_TICKET: "7T:sample" };
    const status = async (op: (typeof operations)[number]) => {
      const command = curlSample(doc, op).replace(`'${defaultServerUrl(doc)}`, `'${prismUrl}`);
      const { stdout } = await run("bash", ["-c", `${command} -s -o /dev/null -w '%{http_code}'`], { env });
      return `${op.operationId} ${stdout}`;
    };
    const statuses: string[] = [];
    for (let i = 0; i < operations.length; i += 4) statuses.push(...(await Promise.all(operations.slice(i, i + 4).map(status))));
    expect(statuses.filter((s) => !/ 2\d\d$/.test(s))).toEqual([]);
  }, 60_000);
});

describe("the quick start in the contract's introduction", () => {
  const intro = (doc.info as { description: string }).description;
  const quickStart = intro.slice(0, intro.indexOf("\n## ", 1));

  it("opens the introduction", () => {
    expect(intro.startsWith("## Quick start\n")).toBe(true);
  });

  it("gives each server's URL with its defaults", () => {
    const servers = doc.servers as { url: string; variables?: Record<string, { default: string }> }[];
    for (const server of servers) {
      const url = server.url.replace(/\{(\w+)\}/g, (_, name: string) => server.variables![name]!.default);
      expect(quickStart, server.url).toContain(`\`${url}\``);
    }
  });

  it("names every security scheme with the header it is sent in", () => {
    for (const [name, value] of Object.entries(doc.components.securitySchemes ?? {})) {
      const scheme = deref(doc, value);
      const header = scheme.type === "http" ? "Authorization" : scheme.name;
      expect(quickStart, name).toMatch(new RegExp(`- \`${name}\`, [^\`]*\`${header}: `));
    }
  });

  it("calls an operation of the contract with curl", () => {
    const call = /curl (https:\/\/\S+)/.exec(quickStart)?.[1];
    expect(call).toBeDefined();
    const path = call!.slice(defaultServerUrl(doc).length);
    expect(call!.startsWith(defaultServerUrl(doc))).toBe(true);
    expect(doc.paths[path]?.get, path).toBeDefined();
  });
});
