// SuperOffice's own Swagger 2.0 files against our contract: every user-management agent call of the fixture is in
// the contract at its path, under its group's tag, with every query parameter, request field and answer field the
// Swagger lists (names, and compatible types, followed into nested carriers), so a missing field cannot slip in.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deref, loadSpec, repoRoot } from "../scripts/lib/spec.js";
import fixture from "./fixtures/user-management-operations.json" with { type: "json" };

const groups = fixture;

const bundle = loadSpec();
// Kept in the repository (see its README for their source and licence), so that the test runs in any clone.
const swaggerDir = join(repoRoot, "test", "fixtures", "superoffice-swagger");
const swaggers: Record<string, any> = {
  User: JSON.parse(readFileSync(join(swaggerDir, "Swagger-v1-UserAgent.json"), "utf8")),
  Person: JSON.parse(readFileSync(join(swaggerDir, "Swagger-v1-PersonAgent.json"), "utf8")),
};

/** A Swagger schema with its `$ref` resolved. */
function swaggerSchema(agent: string, schema: any): any {
  const ref: string | undefined = schema?.$ref;
  return ref ? swaggers[agent].definitions[ref.replace("#/definitions/", "")] : schema;
}

/** Our schema with `$ref`s resolved and a nullable `anyOf: [X, null]` unwrapped to X. */
function ourSchema(schema: any): any {
  let current = deref(bundle, schema);
  const variants = current?.anyOf ?? current?.oneOf;
  if (variants?.length === 2 && variants.some((s: any) => s.type === "null")) current = deref(bundle, variants.find((s: any) => s.type !== "null"));
  return current;
}

/** The JSON types a schema of ours allows (null left out: the .NET nullability rule decides it, not Swagger). */
function ourTypes(schema: any): Set<string> {
  const resolved = ourSchema(schema);
  const types = new Set<string>([resolved?.type ?? []].flat().filter((t: string) => t !== "null"));
  if (types.size === 0 && (resolved?.properties || resolved?.allOf || resolved?.additionalProperties)) types.add("object");
  for (const part of resolved?.allOf ?? []) for (const t of ourTypes(part)) types.add(t);
  if (types.size === 0 && (resolved?.oneOf || resolved?.anyOf)) for (const part of resolved.oneOf ?? resolved.anyOf) for (const t of ourTypes(part)) types.add(t);
  return types;
}

/** Property schemas of an object schema of ours, following allOf. */
function ourProperties(schema: any): Record<string, any> {
  const resolved = ourSchema(schema);
  return Object.assign({}, ...(resolved?.allOf ?? []).map(ourProperties), resolved?.properties ?? {});
}

/** Enum members that servers send but refuse in requests: the contract leaves them out of request positions on purpose. */
const refusedInRequests: Record<string, string[]> = { "#/components/schemas/KnownUserType": ["Unknown"] };

/**
 * Problems of one value position: our schema must accept Swagger's type (integer where Swagger says number is a
 * decision we may take; the reverse is not), every enum member Swagger lists, and, for objects, every property.
 */
function compare(agent: string, theirs: any, ours: any, at: string, seen: Set<string>): string[] {
  const swagger = swaggerSchema(agent, theirs);
  if (!swagger) return [];
  const key = `${theirs?.$ref ?? at}|${JSON.stringify(ours)}`;
  if (seen.has(key)) return [];
  seen.add(key);
  if (ours === undefined) return [`${at}: missing`];
  const types = ourTypes(ours);
  const type = swagger.type ?? (swagger.properties || swagger.additionalProperties ? "object" : undefined);
  const problems: string[] = [];
  const accepts = (t: string) => types.has(t) || (t === "number" && types.has("integer")) || (t === "integer" && types.has("number"));
  if (type && !accepts(type)) problems.push(`${at}: Swagger says ${type}, the contract allows ${[...types].join("|") || "nothing"}`);
  const ourEnum = new Set(ourSchema(ours)?.enum ?? []);
  const omitted = at.startsWith("answer") ? [] : (refusedInRequests[ours?.$ref] ?? []);
  for (const member of swagger.enum ?? []) {
    if (ourEnum.size && !ourEnum.has(member) && !omitted.includes(member)) problems.push(`${at}: enum member ${member} missing`);
  }
  if (type === "array") problems.push(...compare(agent, swagger.items, ourSchema(ours)?.items, `${at}[]`, seen));
  if (type === "object" && swagger.properties) {
    const properties = ourProperties(ours);
    for (const [name, prop] of Object.entries<any>(swagger.properties)) problems.push(...compare(agent, prop, properties[name], `${at}.${name}`, seen));
  }
  if (type === "object" && swagger.additionalProperties && !swagger.properties) {
    problems.push(...compare(agent, swagger.additionalProperties, ourSchema(ours)?.additionalProperties, `${at}{}`, seen));
  }
  return problems;
}

const cases = groups.groups.flatMap((group) => group.methods.map((method) => ({ ...group, method, path: `/Agents/${group.agent}/${method}` })));

/** A string property whose name says password, secret, token and the like must be marked x-superoffice-secret. */
const secretLooking = /password|secret|token|^credentialvalue$|authorizationcode|nonce|pkceverifier/i;

/** Problems of secret marking in a schema tree: secret-looking string properties without x-superoffice-secret. */
function unmarkedSecrets(schema: any, at: string, seen = new Set<any>()): string[] {
  const resolved = ourSchema(schema);
  if (!resolved || seen.has(resolved)) return [];
  seen.add(resolved);
  const problems: string[] = [];
  for (const [name, prop] of Object.entries<any>(ourProperties(resolved))) {
    const target = ourSchema(prop);
    const isString = ourTypes(prop).has("string") && !target?.enum;
    const allowed = name in fixture.notSecret.names;
    if (isString && secretLooking.test(name) && !allowed && prop["x-superoffice-secret"] !== true && target?.["x-superoffice-secret"] !== true) {
      problems.push(`${at}.${name} looks like a secret but is not marked x-superoffice-secret`);
    }
    problems.push(...unmarkedSecrets(prop, `${at}.${name}`, seen));
  }
  if (resolved.items) problems.push(...unmarkedSecrets(resolved.items, `${at}[]`, seen));
  if (typeof resolved.additionalProperties === "object") problems.push(...unmarkedSecrets(resolved.additionalProperties, `${at}{}`, seen));
  return problems;
}

describe.each(groups.groups.map((g) => [g.tag, cases.filter((c) => c.tag === g.tag)] as const))("%s", (_tag, group) => {
  it.each(group)("$method has the Online restriction, slow threshold, destructive flag and secret marks it needs", ({ agent, method, path }) => {
    const theirs = swaggers[agent].paths[`/api/v1${path}`]?.post;
    const ours = bundle.paths[path]?.post;
    expect(ours, `${path} is not in the contract`).toBeDefined();
    // The Swagger states the threshold in the description, or for some calls in the summary.
    const slow = /NsApiSlow threshold: (\d+) ms/.exec(`${theirs.summary ?? ""} ${theirs.description ?? ""}`)?.[1];
    expect(ours["x-superoffice-slow-threshold-ms"], "x-superoffice-slow-threshold-ms").toBe(slow === undefined ? undefined : Number(slow));
    const restricted = /Online Restricted/i.test(theirs.description ?? "");
    expect(ours["x-superoffice-online-restricted"], "x-superoffice-online-restricted").toBe(restricted ? true : undefined);
    if (restricted) expect(ours.description).toContain("**Online restricted:**");
    const destructive = (fixture.destructive as Record<string, unknown>)[agent] as string[];
    if (destructive.includes(method)) expect(typeof ours["x-superoffice-destructive"], "x-superoffice-destructive").toBe("string");
    const bodySchema = ours.requestBody ? deref(bundle, ours.requestBody).content?.["application/json"]?.schema : undefined;
    const answerSchema = ours.responses?.["200"] ? deref(bundle, ours.responses["200"]).content?.["application/json"]?.schema : undefined;
    expect([...unmarkedSecrets(bodySchema, "body"), ...unmarkedSecrets(answerSchema, "answer")]).toEqual([]);
    if (((fixture.secretAnswers as Record<string, unknown>)[agent] as string[]).includes(method)) {
      expect(ours.responses["200"] && ourSchema(answerSchema)?.["x-superoffice-secret"], "the answer is a secret").toBe(true);
    }
  });

  it.each(group)("$method has Swagger's parameters, request fields and answer fields", ({ agent, method, path, tag }) => {
    const theirs = swaggers[agent].paths[`/api/v1${path}`]?.post;
    expect(theirs, `${path} is not in SuperOffice's Swagger`).toBeDefined();
    const ours = bundle.paths[path]?.post;
    expect(ours, `${path} is not in the contract`).toBeDefined();
    expect(ours.tags).toEqual([tag]);
    const problems: string[] = [];
    const seen = new Set<string>();
    const ourParams = (ours.parameters ?? []).map((p: any) => deref(bundle, p));
    for (const param of theirs.parameters ?? []) {
      if (param.in === "body") {
        const body = ours.requestBody ? deref(bundle, ours.requestBody).content?.["application/json"]?.schema : undefined;
        problems.push(...compare(agent, param.schema, body, "body", seen));
      } else if (param.in === "query") {
        // The reference pages and the Swagger disagree on the case of some names (userId, UserId): the contract picks one.
        const match = ourParams.find((p: any) => p.in === "query" && p.name.toLowerCase() === param.name.toLowerCase());
        if (!match) problems.push(`query parameter ${param.name}: missing`);
        else problems.push(...compare(agent, param, match.schema, `query ${param.name}`, seen));
      }
    }
    const answer = theirs.responses?.["200"]?.schema;
    const ourAnswer = ours.responses?.["200"] ? deref(bundle, ours.responses["200"]).content?.["application/json"]?.schema : undefined;
    if (answer) problems.push(...compare(agent, answer, ourAnswer, "answer", seen));
    else expect(Object.keys(ours.responses).filter((s) => s.startsWith("2")), `${method} answers without a body`).toEqual(["204"]);
    expect(problems).toEqual([]);
  });
});

describe("destructive calls", () => {
  it("say so in their description wherever x-superoffice-destructive is set, on agent and REST calls alike", () => {
    const flagged = Object.entries<any>(bundle.paths).flatMap(([path, item]) =>
      Object.values<any>(item).filter((op) => op?.["x-superoffice-destructive"] !== undefined).map((op) => ({ path, op })),
    );
    expect(flagged.map((f) => f.path)).toContain("/User/{id}");
    for (const { path, op } of flagged) {
      expect(typeof op["x-superoffice-destructive"], path).toBe("string");
      expect(op.description, path).toContain("**Destructive:**");
    }
  });
});

describe("the fixture", () => {
  it("lists every call of SuperOffice's User agent, once", () => {
    const listed = cases.filter((c) => c.agent === "User").map((c) => c.path);
    expect(new Set(listed).size).toBe(listed.length);
    const swagger = Object.keys(swaggers.User.paths).map((p) => p.replace("/api/v1", ""));
    expect([...listed].sort()).toEqual(swagger.sort());
  });

  it("each group is a tag of the contract, in the User agent or Person agent tag group", () => {
    const tagGroups = bundle["x-tagGroups"] as { name: string; tags: string[] }[];
    for (const group of groups.groups) {
      expect((bundle.tags as { name: string }[]).map((t) => t.name)).toContain(group.tag);
      expect(tagGroups.find((g) => g.name === `${group.agent} agent`)?.tags).toContain(group.tag);
    }
  });
});
