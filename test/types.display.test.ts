// What a user reads in an editor and in compiler errors: carrier names, not 9,000-character object literals.
// Checked with the TypeScript compiler API on a consumer file of the package's source.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../scripts/lib/spec.js";

const consumer = `
import { createUserApiClient, type SelectableField } from "${join(repoRoot, "src", "index.js")}";
const api = createUserApiClient({ baseUrl: "http://127.0.0.1:1" });
export type GetUserResult = Awaited<ReturnType<typeof api.getUser>>;
export type AgentUserResult = Awaited<ReturnType<typeof api.userAgent.createDefaultUserFromUserTypeAndCredential>>;
export type CredentialTypesResult = Awaited<ReturnType<typeof api.getCredentialTypes>>;
export type CandidateBody = Parameters<typeof api.personAgent.createOrUpdateUserCandidate>[0]["body"];
export type ListColumns = SelectableField<"listUsers">;
export type UserFields = SelectableField<"getUser">;
void api.createUser({});
`;

/** Compiles the consumer and returns a printer of its exported aliases' resolved types and its diagnostics. */
function compileConsumer() {
  // Outside the checkout: the consumer imports the source by absolute path, so it needs no place in the repository.
  const dir = mkdtempSync(join(tmpdir(), "display-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "consumer.ts");
  writeFileSync(file, consumer);
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    types: ["node"],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const shown = (alias: string) => {
    const node = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === alias)!;
    return checker.typeToString(checker.getTypeAtLocation(node.type), undefined, ts.TypeFormatFlags.NoTruncation);
  };
  const diagnostics = ts.getPreEmitDiagnostics(program, source).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  return { shown, diagnostics };
}

describe("types a user can read", () => {
  const { shown, diagnostics } = compileConsumer();

  it("a result shows as its carrier's name", () => {
    expect(shown("GetUserResult")).toBe("UserWithLinks");
    expect(shown("AgentUserResult")).toBe("User");
    expect(shown("CredentialTypesResult")).toBe("CredentialTypeList");
  });

  it("a request body shows as its carrier's name", () => {
    expect(shown("CandidateBody")).toBe("CreateOrUpdateUserCandidateRequest");
  });

  it("select on an archive list takes column names, on a carrier its property names", () => {
    expect(shown("ListColumns")).toBe("string");
    expect(shown("UserFields")).toContain('"UserName"');
    expect(shown("UserFields")).not.toContain("odata");
  });

  it("a missing body names the body's type, and it is the only error", () => {
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/Property 'body' is missing/);
    expect(diagnostics[0]).toMatch(/required in type 'BodyArg<User>'/);
    expect(diagnostics[0]!.length).toBeLessThan(400);
  });
});
