// A short tour: calls every operation of the contract through the typed client and prints what came back.
// Run it against the mock with `npm start`, or alone: `npx tsx examples/demo.ts http://127.0.0.1:4010`.
import { exampleArgsOf } from "../scripts/lib/examples.js";
import { listOperations, loadSpec } from "../scripts/lib/spec.js";
import { createUserApiClient, isUserApiError } from "../src/index.js";
import { clientPlace } from "../src/naming.js";

const baseUrl = process.argv[2] ?? process.env.SUPEROFFICE_BASE_URL ?? "http://127.0.0.1:4010";
const api = createUserApiClient({
  baseUrl,
  auth: { basic: { username: "ADM0", password: "demo-password" } },
  language: "en",
});

const line = (label: string, value: unknown) => console.log(`  ${label.padEnd(22)} ${typeof value === "string" ? value : JSON.stringify(value)}`);

console.log(`Calling every operation on ${baseUrl}\n`);

const candidate = await api.personAgent.createOrUpdateUserCandidate({ body: { PersonId: 810, Username: "ab", AccessAllRequests: false } });
console.log("personAgent.createOrUpdateUserCandidate");
line("UserCandidateId", candidate.UserCandidateId);
line("SecretKey (user name)", candidate.SecretKey);
line("SecretValue", candidate.SecretValue ? "(a password: never print it)" : null);

const draft = await api.userAgent.createDefaultUserFromUserTypeAndCredential({
  body: { UserType: "AnonymousAssociate", ContactId: 88, CredentialType: "Password", CredentialValue: "s3cret", CredentialDisplayValue: "ab" },
});
console.log("userAgent.createDefaultUserFromUserTypeAndCredential");
line("Name / Type", [draft.Name, draft.Type]);

const saved = await api.updateUser({ id: 500, body: draft, select: ["Name", "UserName", "Type"] });
console.log("updateUser (select: Name, UserName, Type)");
line("Name / UserName", [saved.Name, saved.UserName]);
line("_Links.Self", saved._Links?.Self);

const problems = await api.validateUser({ body: draft });
console.log("validateUser");
line("problems by field", problems);

const nothing = await api.userAgent.saveUntrustedCredentialsForAssociate({ body: { AssociateId: 517, Type: "vel", Credentials: null } });
console.log("userAgent.saveUntrustedCredentialsForAssociate");
line("result (204)", nothing ?? "undefined: no content");

const user = await api.getUser({ id: 500, query: { fk: true } });
console.log("getUser");
line("Name / Type", [user.Name, user.Type]);

const patched = await api.patchUser({ id: 500, body: [{ op: "replace", path: "/Tooltip", value: "Lead" }] });
await api.patchUser({ id: 500, body: { Tooltip: "Lead", NickName: null } });
console.log("patchUser (JSON Patch, then merge patch)");
line("AssociateId", patched.AssociateId);

const page = await api.listUsers({ select: ["name", "fullName"], query: { $top: 2 } });
console.log("listUsers (one page; listAllUsers() follows odata.nextLink on the same server)");
line("rows / next page", [page.value?.length, page["odata.nextLink"]]);

const created = await api.createUser({ body: await api.getDefaultUser({ query: { userType: "InternalAssociate", personId: 15 } }) });
console.log("getDefaultUser, then createUser");
line("AssociateId / Type", [created.AssociateId, created.Type]);

const credentialTypes = await api.getCredentialTypes();
console.log("getCredentialTypes");
line("Type", credentialTypes.map((type) => type.Type));

const me = await api.getCurrentUser();
const associate = await api.getCurrentAssociate();
const token = await api.getCurrentToken();
console.log("getCurrentUser, getCurrentAssociate, getCurrentToken");
line("UserName / Associate", [me.UserName, associate.Name]);
line("token", token ? "(a credential: never print it)" : null);

const principal = await api.getCurrentPrincipal();
console.log("getCurrentPrincipal (works in Online)");
line("Associate / UserType", [principal.Associate, principal.UserType]);

console.log("getUserPresenceStatus");
line("Status", (await api.getUserPresenceStatus({ associateId: 500 })).Status);

const presence = await api.setUserPresenceStatus({ associateId: 500, body: { Status: "StatusNotAvailable", Message: "On leave" } });
console.log("setUserPresenceStatus");
line("Status", presence.Status);

await api.deleteUser({ id: 500 });
console.log("deleteUser");
line("result (204)", "undefined: no content");

// The rest of the agent calls, grouped as the docs are, each with the contract's own example. Only counts are
// printed: several answers are passwords or tokens.
const toured = new Set(["personAgentCreateOrUpdateUserCandidate", "userAgentCreateDefaultUserFromUserTypeAndCredential", "userAgentSaveUntrustedCredentialsForAssociate"]);
const contract = loadSpec();
const agentCalls = listOperations(contract).filter((op) => op.path.startsWith("/Agents/") && !toured.has(op.operationId));
console.log(`\nThe other ${agentCalls.length} agent calls, with the contract's examples`);
let failedCalls = 0;
for (const group of contract["x-tagGroups"] as { name: string; tags: string[] }[]) {
  for (const tag of group.tags) {
    const calls = agentCalls.filter((op) => op.operation.tags?.[0] === tag);
    if (!calls.length) continue;
    let empty = 0;
    for (const op of calls) {
      const { namespace, name } = clientPlace(op.operationId, op.path);
      const fn = (api as unknown as Record<string, Record<string, (args: object) => Promise<unknown>>>)[namespace!]![name]!;
      try {
        if ((await fn(exampleArgsOf(contract, op))) === undefined) empty += 1;
      } catch (error) {
        failedCalls += 1;
        console.log(`  ${namespace}.${name} failed: ${isUserApiError(error) ? error.message : String(error)}`);
      }
    }
    line(`${group.name}: ${tag}`, `${calls.length} calls answered${empty ? `, ${empty} with no content` : ""}`);
  }
}
if (failedCalls) process.exitCode = 1;

try {
  await api.personAgent.createOrUpdateUserCandidate({ body: { PersonId: "not a number" as never } });
} catch (error) {
  console.log("a request the contract forbids");
  if (isUserApiError(error)) line(error.name, error.message);
}
console.log("\ndemo finished");
