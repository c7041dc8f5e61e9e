// The breaking-change checker on made-up contract pairs, and its command line on the real contract.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { diffContracts, requiredBump } from "../scripts/lib/breaking-changes.js";
import { loadSpec, repoRoot, type OpenApiDocument } from "../scripts/lib/spec.js";
import { runNode } from "./helpers/processes.js";

/** A small contract: PUT /User/{id} taking and returning User, with a UserType enum. */
function base(): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1.0.0" },
    paths: {
      "/User/{id}": {
        put: {
          operationId: "updateUser",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", format: "int32" } }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/User" } } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/User" } } } } },
        },
      },
      "/User/Validate": {
        post: {
          operationId: "validateUser",
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Candidate" } } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Result" } } } } },
        },
      },
    },
    components: {
      schemas: {
        User: {
          type: "object",
          properties: {
            AssociateId: { type: "integer", format: "int32" },
            Name: { type: ["string", "null"] },
            Type: { $ref: "#/components/schemas/UserType" },
          },
        },
        UserType: { type: "string", enum: ["InternalAssociate", "ResourceAssociate"] },
        Candidate: {
          type: "object",
          properties: { UserName: { type: "string", maxLength: 50 }, Kind: { type: "string", enum: ["Person", "Company"] } },
        },
        Result: { type: "object", properties: { Valid: { type: "boolean" }, Level: { type: "string", enum: ["Low", "High"] } } },
      },
    },
  };
}

const changed = (edit: (doc: any) => void) => {
  const next = base();
  edit(next);
  return diffContracts(base(), next);
};
const breaking = (edit: (doc: any) => void) => changed(edit).filter((c) => c.breaking);

describe("diffContracts", () => {
  it("finds nothing between identical contracts, and nothing for the real contract against itself", () => {
    expect(diffContracts(base(), base())).toEqual([]);
    expect(diffContracts(loadSpec(), loadSpec())).toEqual([]);
  });

  it("flags a removed field", () => {
    expect(breaking((d) => delete d.components.schemas.User.properties.Name)).toEqual([
      { breaking: true, location: "User.Name", message: "property removed" },
    ]);
  });

  it("passes an added optional field as a non-breaking change", () => {
    const changes = changed((d) => (d.components.schemas.User.properties.Rank = { type: "integer", format: "int32" }));
    expect(changes).toEqual([{ breaking: false, location: "User.Rank", message: "property added" }]);
  });

  it("flags a new required request field, but not a new required response-only field", () => {
    expect(breaking((d) => (d.components.schemas.Candidate.required = ["UserName"]))).toHaveLength(1);
    expect(breaking((d) => (d.components.schemas.Result.required = ["Valid"]))).toEqual([]);
  });

  it("flags a removed operation and a renamed operationId", () => {
    expect(breaking((d) => delete d.paths["/User/Validate"])).toEqual([
      { breaking: true, location: "validateUser", message: "operation removed: POST /User/Validate" },
    ]);
    expect(breaking((d) => (d.paths["/User/{id}"].put.operationId = "saveUser"))[0]?.message).toBe("operationId renamed to saveUser");
  });

  it("flags a removed enum member; an added one breaks only where the server sends it", () => {
    expect(breaking((d) => d.components.schemas.UserType.enum.pop())[0]?.message).toBe('enum member "ResourceAssociate" removed');
    // UserType is both sent and received (PUT body and answer): a new member is breaking for readers.
    expect(breaking((d) => d.components.schemas.UserType.enum.push("SystemAssociate"))).toHaveLength(1);
    expect(breaking((d) => d.components.schemas.Result.properties.Level.enum.push("Medium"))).toHaveLength(1);
    expect(breaking((d) => d.components.schemas.Candidate.properties.Kind.enum.push("Project"))).toEqual([]);
    expect(breaking((d) => (d.components.schemas.Candidate.properties.UserName.enum = ["a"]))[0]?.message).toBe(
      "values restricted to an enum (narrowed)",
    );
  });

  it("flags narrowed types and limits in requests, widened types in responses", () => {
    expect(breaking((d) => (d.components.schemas.User.properties.Name = { type: "string" }))[0]?.message).toBe(
      "type null is no longer allowed (narrowed)",
    );
    expect(breaking((d) => (d.components.schemas.Candidate.properties.UserName.maxLength = 20))[0]?.message).toBe(
      "maxLength changed from 50 to 20",
    );
    expect(breaking((d) => (d.components.schemas.Candidate.properties.UserName.maxLength = 80))).toEqual([]);
    expect(breaking((d) => (d.components.schemas.Result.properties.Valid = { type: ["boolean", "null"] }))[0]?.message).toBe(
      "type null is now allowed (widened)",
    );
  });

  it("flags a new required parameter and a body that became required", () => {
    expect(
      breaking((d) => d.paths["/User/{id}"].put.parameters.push({ name: "fk", in: "query", required: true, schema: { type: "boolean" } })),
    ).toHaveLength(1);
    expect(breaking((d) => d.paths["/User/{id}"].put.parameters.push({ name: "fk", in: "query", schema: { type: "boolean" } }))).toEqual([]);
    expect(breaking((d) => (d.paths["/User/Validate"].post.requestBody.required = true))[0]?.message).toBe("request body became required");
  });

  it("says which semver bump the changes need", () => {
    const removal = changed((d) => delete d.components.schemas.User.properties.Name);
    const addition = changed((d) => (d.components.schemas.User.properties.Rank = { type: "integer" }));
    expect([requiredBump(removal, "1.2.0"), requiredBump(addition, "1.2.0"), requiredBump([], "1.2.0")]).toEqual(["major", "minor", "none"]);
    expect(requiredBump(removal, "0.3.0")).toBe("minor");
  });
});

describe("npm run contract:diff", () => {
  const dir = mkdtempSync(join(tmpdir(), "contract-diff-"));
  const write = (name: string, doc: OpenApiDocument) => {
    writeFileSync(join(dir, name), stringify(doc));
    return join(dir, name);
  };
  const cli = (...args: string[]) => runNode(["--import", "tsx", "scripts/contract-diff.ts", ...args]);

  it("exits 0 against HEAD: the working contract has no breaking change its version does not bump for", async () => {
    const result = await cli("HEAD");
    expect(result.stdout).toMatch(/^Contract \S+ -> \S+: \d+ breaking, \d+ other changes/);
    expect(result.code).toBe(0);
  });

  it("exits 1 and lists a removed field when the version is not bumped, 0 when it is", async () => {
    const before = write("old.yaml", base());
    const after = base();
    delete (after.components.schemas as any).User.properties.Name;
    const result = await cli("--old", before, "--new", write("new.yaml", after));
    expect(result.stdout).toContain("User.Name: property removed");
    expect(result.code).toBe(1);
    (after.info as any).version = "2.0.0";
    expect((await cli("--old", before, "--new", write("new2.yaml", after))).code).toBe(0);
  });

  it("bundles the contract at a ref: across the split into contract/ files only the agent operationIds changed", async () => {
    // The last commit whose contract was one openapi.yaml: the parent of the commit that added contract/.
    const added = execFileSync("git", ["log", "--diff-filter=A", "--format=%H", "--", "contract/paths"], { cwd: repoRoot, encoding: "utf8" })
      .trim()
      .split("\n")
      .at(-1);
    expect(added, "no commit added contract/paths (a shallow clone?)").toMatch(/^[0-9a-f]{40}$/);
    // The split commit against its parent, not the working contract: later breaking changes do not count here.
    const result = await cli(`${added}^`, added!);
    expect(result.stdout).toMatch(/^Contract 0\.2\.0 -> \S+: 3 breaking, \d+ other changes/);
    for (const id of ["createOrUpdateUserCandidate", "createDefaultUserFromUserTypeAndCredential", "saveUntrustedCredentialsForAssociate"]) {
      expect(result.stdout).toMatch(new RegExp(`- ${id}: operationId renamed to (user|person)Agent`));
    }
    expect(result.code).toBe(0);
  });

  it("exits 2 with usage on a bad git ref", async () => {
    const result = await cli("no-such-ref-xyz");
    expect(result.stderr).toContain("cannot read openapi.yaml at git ref 'no-such-ref-xyz'");
    expect(result.code).toBe(2);
  });
});
