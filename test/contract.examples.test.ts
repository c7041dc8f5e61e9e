// The realistic examples: each main carrier's main operations show a made-up but believable example first,
// next to SuperOffice's own samples, with no lorem ipsum, placeholder secrets, and one consistent cast of people.
import { describe, expect, it } from "vitest";
import { deref, listOperations, loadSpec } from "../scripts/lib/spec.js";

const doc = loadSpec();
const byId = new Map(listOperations(doc).map((op) => [op.operationId, op]));
const examples = doc.components.examples as Record<string, { summary?: string; value: any }>;
const value = (name: string) => examples[name]!.value;

/** Where a reader meets each main carrier: [operationId, "request" or a status, the example shown first]. */
const shownFirst = [
  ["userAgentGetUser", "200", "UserRealisticExample"],
  ["userAgentGetUserFromName", "200", "UserRealisticExample"],
  ["userAgentSaveUser", "request", "UserRealisticExample"],
  ["userAgentSaveUser", "200", "UserRealisticExample"],
  ["getCurrentUser", "200", "UserRealisticExample"],
  ["getDefaultUser", "200", "NewUserRealisticExample"],
  ["updateUser", "request", "UserRealisticExample"],
  ["validateUser", "request", "UserRealisticExample"],
  ["getUser", "200", "UserWithLinksRealisticExample"],
  ["updateUser", "200", "UserWithLinksRealisticExample"],
  ["createUser", "200", "UserWithLinksRealisticExample"],
  ["patchUser", "200", "UserWithLinksRealisticExample"],
  ["userAgentCreateDefaultUserFromUserType", "request", "UserAgentCreateDefaultUserFromUserTypeRealisticRequestExample"],
  ["userAgentCreateDefaultUserFromUserType", "200", "NewSystemUserRealisticExample"],
  ["userAgentCreateDefaultUserFromUserTypeAndPersonId", "request", "UserAgentCreateDefaultUserFromUserTypeAndPersonIdRealisticRequestExample"],
  ["userAgentCreateDefaultUserFromUserTypeAndPersonId", "200", "NewUserRealisticExample"],
  ["userAgentGetRole", "200", "RoleRealisticExample"],
  ["userAgentGetRoleEntity", "200", "RoleEntityRealisticExample"],
  ["userAgentSaveRoleEntity", "request", "RoleEntityRealisticExample"],
  ["userAgentSaveRoleEntity", "200", "RoleEntityRealisticExample"],
  ["userAgentGetUserGroup", "200", "UserGroupRealisticExample"],
  ["userAgentSaveUserGroup", "request", "UserAgentSaveUserGroupRealisticRequestExample"],
  ["userAgentSaveUserGroup", "200", "UserGroupRealisticExample"],
  ["userAgentGetUserInfo", "200", "UserInfoRealisticExample"],
  ["userAgentGetAllRoles", "200", "RolesRealisticExample"],
  ["userAgentGetAllUserGroups", "200", "UserGroupsRealisticExample"],
  ["userAgentGetServiceAuth", "200", "ServiceAuthRealisticExample"],
  ["userAgentSaveServiceAuth", "request", "ServiceAuthRealisticExample"],
  ["userAgentSaveServiceAuth", "200", "ServiceAuthRealisticExample"],
  ["getCredentialTypes", "200", "CredentialTypesResponseExample"],
  ["userAgentGetCredentialTypes", "200", "CredentialTypesResponseExample"],
  ["userAgentGetCredentialTypesForUserType", "request", "UserAgentGetCredentialTypesForUserTypeRealisticRequestExample"],
  ["userAgentGetCredentialTypesForUserType", "200", "CredentialTypesResponseExample"],
  ["userAgentSaveCredential", "request", "UserAgentSaveCredentialRealisticRequestExample"],
  ["personAgentCreateOrUpdateUserCandidate", "request", "CreateOrUpdateUserCandidateRealisticRequestExample"],
  ["personAgentCreateOrUpdateUserCandidate", "200", "UserCandidateRealisticExample"],
  ["personAgentGetUserCandidateByPerson", "request", "PersonAgentGetUserCandidateByPersonRealisticRequestExample"],
  ["personAgentGetUserCandidateByPerson", "200", "UserCandidateRealisticExample"],
  ["personAgentCreateDefaultFromCredential", "request", "PersonAgentCreateDefaultFromCredentialRealisticRequestExample"],
  ["personAgentCreateDefaultFromCredential", "200", "PersonEntityRealisticExample"],
] as const;

/** The application/json media of an operation's request body or of one of its responses. */
function jsonMedia(operationId: string, where: string): { schema: unknown; examples: Record<string, { $ref: string }> } {
  const operation = byId.get(operationId)!.operation;
  return deref(doc, where === "request" ? operation.requestBody : operation.responses[where]).content["application/json"];
}

const exampleName = (entry: { $ref: string }) => entry.$ref.split("/").pop()!;
const realisticNames = [...new Set(shownFirst.map(([, , name]) => name))];

/** Every string in a value, at any depth. */
const strings = (node: unknown): string[] =>
  typeof node === "string" ? [node] : node && typeof node === "object" ? Object.values(node).flatMap(strings) : [];

/** SuperOffice's samples: the examples the contract took from its seed and reference pages. */
const superOfficeSamples = Object.keys(examples).filter((name) => /^(Seed sample|Reference page sample)/.test(examples[name]!.summary ?? ""));
/** Their filler words: bare lowercase words of four letters or more, such as "molestiae" or "quisquam". */
const loremWords = new Set(superOfficeSamples.flatMap((name) => strings(value(name))).filter((s) => /^[a-z]{4,}$/.test(s)));
/** The filler words in a value's strings. */
const loremIn = (node: unknown) => strings(node).flatMap((s) => s.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => loremWords.has(w));

/** The strings at the places the schema marks x-superoffice-secret, following $ref, allOf, anyOf, items and properties. */
function secretsIn(schema: any, node: unknown): string[] {
  const s = deref(doc, schema ?? {});
  if (s["x-superoffice-secret"] === true && typeof node === "string") return [node];
  const parts = [...(s.allOf ?? []), ...(s.anyOf ?? []).filter((b: any) => deref(doc, b).type !== "null")];
  const own = Array.isArray(node)
    ? node.flatMap((item) => (s.items ? secretsIn(s.items, item) : []))
    : node && typeof node === "object"
      ? Object.entries(node).flatMap(([key, item]) => (s.properties?.[key] ? secretsIn(s.properties[key], item) : []))
      : [];
  return [...own, ...parts.flatMap((part: unknown) => secretsIn(part, node))];
}

describe("each main carrier's main operations show a realistic example first", () => {
  // SuperOffice's samples stay beside them: redocly lint (no-unused-components) fails on an example no operation shows.
  it.each(shownFirst)("%s %s shows %s first", (operationId, where, name) => {
    const entries = Object.values(jsonMedia(operationId, where).examples);
    expect(exampleName(entries[0]!)).toBe(name);
    expect(superOfficeSamples, "the first example is not one of SuperOffice's own").not.toContain(name);
  });

  it("every example named Realistic is shown first somewhere", () => {
    const named = Object.keys(examples).filter((name) => name.includes("Realistic"));
    expect(named.length).toBeGreaterThanOrEqual(15);
    for (const name of named) expect(realisticNames, name).toContain(name);
  });
});

describe("what they show is believable", () => {
  it("no filler: not one of the words SuperOffice's samples are made of, and the check finds those in a sample", () => {
    expect(loremWords.size, "filler words found in SuperOffice's samples").toBeGreaterThan(100);
    expect(loremIn(value("UpdateUserResponseExample")).length).toBeGreaterThan(5);
    for (const name of realisticNames) expect(loremIn(value(name)), name).toEqual([]);
  });

  it("secrets are placeholders such as <password>, and there are some to check", () => {
    const secrets = shownFirst.flatMap(([operationId, where, name]) => secretsIn(jsonMedia(operationId, where).schema, value(name)));
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const secret of secrets) expect(secret).toMatch(/^<[a-z-]+>$/);
  });

  it("the licences are SuperOffice's user plans", () => {
    const plans = ["Sales", "Service", "Marketing"].flatMap((area) => [`${area}-Essentials`, `${area}-Premium`]);
    for (const name of ["UserRealisticExample", "NewUserRealisticExample"]) {
      const licences = value(name).LicenseOwners.flatMap((owner: any) => [...owner.RestrictedModuleLicenses, ...owner.UnrestrictedModuleLicenses]);
      expect(licences.length, name).toBeGreaterThan(0);
      for (const licence of licences) expect(plans, name).toContain(licence.Name);
    }
  });
});

describe("one consistent cast: Ruth M. Berg (associate 500) and Kari Nordmann, at Fjordkontor AS", () => {
  const user = value("UserRealisticExample");
  const assigned = user.LicenseOwners.flatMap((owner: any) => owner.RestrictedModuleLicenses).filter((l: any) => l.Assigned).map((l: any) => l.Name);

  it("the user logged in after she last logged out, and her person's names, e-mail and user name agree", () => {
    expect(Date.parse(user.Lastlogin)).toBeGreaterThan(Date.parse(user.Lastlogout));
    const person = user.Person;
    expect(person.FullName).toBe([person.Firstname, person.MiddleName, person.Lastname].filter(Boolean).join(" "));
    expect(person.FormalName).toBe(`${person.Mrmrs} ${person.FullName}`);
    expect(user.UserName).toBe(person.Email);
    expect(person.Email).toBe(`${person.Firstname}.${person.Lastname}@example.com`.toLowerCase());
    expect(user.Name).toBe([person.Firstname, person.MiddleName, person.Lastname].map((n: string) => n[0]).join(""));
  });

  it("the REST resource's user is the agent's user with links to itself", () => {
    const { _Links, ...withoutLinks } = value("UserWithLinksRealisticExample");
    expect(withoutLinks).toEqual(user);
    expect(_Links.Self).toBe(`${_Links.Archive}/${user.AssociateId}`);
  });

  it("her role, group and short view are the ones the role, group and user info calls answer", () => {
    const role = value("RoleRealisticExample");
    const roleEntity = value("RoleEntityRealisticExample");
    const group = value("UserGroupRealisticExample");
    const info = value("UserInfoRealisticExample");
    expect([user.Role.Id, user.Role.Value, user.Role.Tooltip]).toEqual([role.Id, role.Value, role.Tooltip]);
    expect([roleEntity.RoleId, roleEntity.Name, roleEntity.Tooltip]).toEqual([role.Id, role.Value, role.Tooltip]);
    expect({ ...user.UserGroup, TableRight: null }).toEqual({ ...group, TableRight: null });
    expect(info).toMatchObject({
      UserInfoId: user.AssociateId, UserName: user.Name, PersonId: user.Person.PersonId, Rank: user.Rank, Tooltip: user.Tooltip,
      UserGroupId: group.Id, UserGroupName: group.Value, UserGroupTooltip: group.Tooltip, RoleName: role.Value,
      RoleTooltip: role.Tooltip, EjUserId: user.EjUserId, UserType: user.Type, GrantedLicenses: assigned,
    });
  });

  it("she is the current associate and principal, and the one who created and changed her role", () => {
    const associate = value("CurrentAssociateResponseExample");
    const principal = value("CurrentPrincipalResponseExample");
    const fields = (a: any) => [a.AssociateId, a.Name, a.PersonId, a.FullName, a.UserName, a.EjUserId, a.GroupIdx];
    const roleEntity = value("RoleEntityRealisticExample");
    for (const who of [associate, roleEntity.CreatedBy, roleEntity.UpdatedBy]) {
      expect(fields(who)).toEqual([user.AssociateId, user.Name, user.Person.PersonId, user.Person.FullName, user.UserName, user.EjUserId, user.UserGroup.Id]);
    }
    expect(principal).toMatchObject({
      AssociateId: user.AssociateId, Associate: user.Name, PersonId: user.Person.PersonId, ContactId: user.Person.ContactId,
      GroupId: user.UserGroup.Id, RoleId: user.Role.Id, RoleName: user.Role.Value, FullName: user.Person.FullName,
      UserName: user.UserName, EjUserId: user.EjUserId, SecondaryGroups: user.OtherGroups.map((g: any) => g.Id),
    });
    expect(principal.Licenses.map((l: any) => l.Name)).toEqual(assigned);
    expect(Date.parse(roleEntity.Updated)).toBeGreaterThan(Date.parse(roleEntity.Created));
  });

  it("new users are not saved and never logged in; Kari Nordmann is a colleague at the same company", () => {
    const never = "0001-01-01T00:00:00";
    for (const name of ["NewUserRealisticExample", "NewSystemUserRealisticExample"]) {
      expect([value(name).AssociateId, value(name).Lastlogin, value(name).Lastlogout], name).toEqual([0, never, never]);
    }
    const kari = value("NewUserRealisticExample").Person;
    expect(value("UserAgentCreateDefaultUserFromUserTypeAndPersonIdRealisticRequestExample").PersonId).toBe(kari.PersonId);
    expect([kari.ContactId, kari.ContactName, kari.AssociateId]).toEqual([user.Person.ContactId, user.Person.ContactName, user.AssociateId]);
    const fromCredential = value("PersonEntityRealisticExample");
    expect([fromCredential.FullName, fromCredential.Contact.ContactId, fromCredential.Contact.Name]).toEqual([kari.FullName, kari.ContactId, kari.ContactName]);
    expect(value("PersonAgentCreateDefaultFromCredentialRealisticRequestExample").ContactId).toBe(kari.ContactId);
  });

  it("the Customer Centre user is the person the requests name", () => {
    const candidate = value("UserCandidateRealisticExample");
    const request = value("CreateOrUpdateUserCandidateRealisticRequestExample");
    expect([candidate.PersonId, candidate.SecretKey]).toEqual([request.PersonId, request.Username]);
    expect(value("PersonAgentGetUserCandidateByPersonRealisticRequestExample").PersonId).toBe(candidate.PersonId);
  });
});
