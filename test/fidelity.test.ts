// What real SuperOffice servers send, where it differs from the documentation samples: one test per divergence.
// Values are taken from responses captured from real tenants (the fixtures of SuperOffice's @superoffice/webapi
// client: Person210*.json, ContactDefault.json, TableRights.json) and applied to the user carriers.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  UserApiHttpError,
} from "../src/index.js";
import { createUserApiClient } from "./helpers/client-under-test.js";
import { startHttpServer } from "./helpers/http-server.js";
import { createSchemaValidator } from "../scripts/lib/schema-validator.js";
import { doc } from "./helpers/spec-examples.js";

const validatorFor = createSchemaValidator(doc);
const schema = (name: string) => validatorFor({ $ref: `#/components/schemas/${name}` });
const valid = (name: string, value: unknown) => {
  const validate = schema(name);
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
};
const prism = () => createUserApiClient({ baseUrl: inject("prismUrl"), auth: { bearer: "fidelity-token" } });

describe("dates: no offset, and DateTime.MinValue", () => {
  const dates = ["0001-01-01T00:00:00", "2019-12-19T10:44:12", "0001-01-01T01:00:00+01:00", "2019-12-19T09:44:12Z", "2011-11-24T11:46:49.9022419+01:00"];

  it.each(dates)("%s is a valid User.Lastlogin, GrantedModuleLicense.ExpiryDate and UntrustedCredentials.ValidTo", (date) => {
    valid("User", { Lastlogin: date, Lastlogout: date });
    valid("GrantedModuleLicense", { ExpiryDate: date });
    valid("UntrustedCredentials", { ValidFrom: date, ValidTo: date });
  });

  it("the pattern still rejects what is not a date-time", () => {
    for (const bad of ["yesterday", "2019-12-19", "19.12.2019 10:44", "2019-12-19T10:44:12+0100"]) {
      expect(schema("User")({ Lastlogin: bad }), bad).toBe(false);
    }
  });

  it("Prism, validating against the contract, accepts a user saved with offset-less and MinValue dates", async () => {
    const saved = await prism().updateUser({ id: 500, body: { Lastlogin: "0001-01-01T00:00:00", Lastlogout: "2019-12-19T10:44:12" } });
    expect(saved.AssociateId).toEqual(expect.any(Number));
  });
});

describe("user type Unknown", () => {
  it("is valid in User, Associate and SoPrincipalCarrier, and Prism accepts it", async () => {
    valid("User", { Type: "Unknown" });
    valid("Associate", { Type: "Unknown" });
    valid("SoPrincipalCarrier", { UserType: "Unknown" });
    await expect(prism().validateUser({ body: { Type: "Unknown" } })).resolves.toBeDefined();
  });
});

describe("$select: every property is still sent, null or default", () => {
  it("a User answered with $select=Name keeps every field, reference types null and value types default", () => {
    valid("UserWithLinks", {
      AssociateId: 0, Name: "RMB", Rank: 0, Tooltip: null, LicenseOwners: null, Role: null, UserGroup: null, OtherGroups: null,
      Person: null, Deleted: false, Lastlogin: "0001-01-01T00:00:00", Lastlogout: "0001-01-01T00:00:00", EjUserId: 0,
      RequestSignature: null, Type: "Unknown", IsPersonRetired: false, IsOnTravel: false, Credentials: null, UserName: null,
      TicketCategories: null, NickName: null, WaitingForApproval: false, ExtraFields: null, CustomFields: null,
      PostSaveCommands: null, TableRight: null, FieldProperties: null, _Links: null,
    });
  });
});

describe("rights masks and field properties", () => {
  const masks = ["None", "Read", "Update", "Select, Update", "Select, Update, Insert, Delete", "FULL", "RI, RestrictedUpdate", "Update, UIHintMandatory", "Unused4, UIHintReadOnly"];

  it.each(masks)("mask %j with an empty or resource-key reason is valid on TableRight and FieldRight", (mask) => {
    valid("User", {
      TableRight: { Mask: mask, Reason: "" },
      FieldProperties: { Name: { FieldRight: { Mask: mask, Reason: "[SR_ACCESS_MANDATORY]" }, FieldType: "System.String", FieldLength: 239 } },
    });
  });

  it.each([
    ["System.Int32", 4],
    ["ShortText", -1],
    ["SuperOffice.CRM.Services.Associate", 0],
    ["SuperOffice.CRM.Services.EntityElement[]", 0],
    ["", 0],
  ])("field type %j with length %i is valid", (FieldType, FieldLength) => {
    valid("FieldProperty", { FieldRight: { Mask: "Update", Reason: "" }, FieldType, FieldLength });
  });
});

describe("archive rows", () => {
  it("hold plain values in Slim mode and objects in Full mode, although the Swagger declares objects only", () => {
    valid("ODataSlimResponse", {
      "odata.metadata": "https://example.com/api/v1/archive$metadata",
      value: [
        { PrimaryKey: 7, EntityName: "associate", name: "RMB", isActive: true, personId: 15, lastLogin: "2019-12-19T10:44:12", userGroup: null },
        { PrimaryKey: 8, EntityName: "associate", name: { DisplayValue: "RMB", RawValue: "RMB", Hint: "" } },
      ],
    });
  });
});

describe("error bodies: agent and REST", () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(() => server.close());
  const local = () => createUserApiClient({ baseUrl: server.url, retry: { retries: 0 } });

  const bodies = {
    "the error handler's four fields": { Error: true, ErrorType: "ArgumentException", Message: "Webhook TargetUrl must be secure", ErrorSource: "SuperOffice.Services.Implementation" },
    "a framework error with Message only": { Message: "Authorization has been denied for this request." },
    "a routing error with MessageDetail": { Message: "No HTTP resource was found that matches the request URI.", MessageDetail: "No action was found on the controller 'User'." },
  };

  it.each(Object.entries(bodies))("%s is a valid WebApiError and becomes the error's serverMessage", async (_label, body) => {
    valid("WebApiError", body);
    server.handle((_req, res) => res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify(body)));
    const error = (await local().getUser({ id: 1 }).catch((e: unknown) => e)) as UserApiHttpError;
    expect(error).toBeInstanceOf(UserApiHttpError);
    expect(error.serverMessage).toBe(body.Message);
  });

  it("a 404 with an empty body is a UserApiHttpError without a body", async () => {
    server.handle((_req, res) => res.writeHead(404).end());
    const error = (await local().getUser({ id: 404 }).catch((e: unknown) => e)) as UserApiHttpError;
    expect(error).toMatchObject({ status: 404, body: undefined, serverMessage: undefined });
  });
});
