// Type-level guarantees of the generated client, checked by `tsc --noEmit` (npm run typecheck) and run by vitest.
import { describe, expectTypeOf, it } from "vitest";
import type { OperationTypes } from "../generated/operations.js";
import type { RawBody, RawData } from "../src/operation-types.js";
import type {
  ArchiveRow,
  KnownUserType,
  OperationId,
  OperationArgs,
  OperationData,
  SelectableField,
  User,
  UserApiClient,
  UserType,
  UserWithLinks,
} from "../src/index.js";

declare const api: UserApiClient;

/** True when each type is assignable to the other: the named carrier types say what openapi-typescript says. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe("types", () => {
  it("every operation's named data and body types are the contract's types", () => {
    expectTypeOf<{ [K in OperationId]: Same<OperationTypes[K]["data"], RawData<K>> }>().toEqualTypeOf<{ [K in OperationId]: true }>();
    expectTypeOf<{ [K in OperationId]: Same<OperationTypes[K]["body"], RawBody<K>> }>().toEqualTypeOf<{ [K in OperationId]: true }>();
  });

  it("User.Type is the union of the five names and the Unknown that real servers send", () => {
    expectTypeOf<UserType>().toEqualTypeOf<
      "Unknown" | "InternalAssociate" | "ResourceAssociate" | "ExternalAssociate" | "AnonymousAssociate" | "SystemAssociate"
    >();
    expectTypeOf<NonNullable<User["Type"]>>().toEqualTypeOf<UserType>();
  });

  it("request fields that name a user type take KnownUserType: the five names, without Unknown", () => {
    expectTypeOf<KnownUserType>().toEqualTypeOf<Exclude<UserType, "Unknown">>();
    expectTypeOf<NonNullable<OperationArgs<"userAgentChangeUserType">["body"]["UserType"]>>().toEqualTypeOf<KnownUserType>();
    expectTypeOf<NonNullable<NonNullable<OperationArgs<"getDefaultUser">["query"]>["userType"]>>().toEqualTypeOf<KnownUserType>();
  });

  it("response types are the wire types", () => {
    expectTypeOf<OperationData<"updateUser">>().toEqualTypeOf<UserWithLinks>();
    expectTypeOf<OperationData<"userAgentSaveUntrustedCredentialsForAssociate">>().toEqualTypeOf<undefined>();
    expectTypeOf<OperationData<"validateUser">>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<NonNullable<OperationData<"userAgentCreateDefaultUserFromUserTypeAndCredential">["Lastlogin"]>>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<UserWithLinks["AssociateId"]>>().toEqualTypeOf<number>();
    expectTypeOf<UserWithLinks["_Links"]>().toMatchTypeOf<{ Self?: string } | null | undefined>();
  });

  it("the new User operations have the wire types", () => {
    expectTypeOf<OperationData<"getUser">>().toEqualTypeOf<UserWithLinks>();
    expectTypeOf<OperationData<"deleteUser">>().toEqualTypeOf<undefined>();
    expectTypeOf<OperationData<"getCurrentToken">>().toEqualTypeOf<string>();
    expectTypeOf<OperationArgs<"patchUser">["body"]>().toMatchTypeOf<readonly { op: string; path: string }[] | User>();
    expectTypeOf<OperationArgs<"listUsers">>().toHaveProperty("select").toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<ReturnType<UserApiClient["listAllUsers"]>>().toMatchTypeOf<AsyncIterable<ArchiveRow>>();
  });

  it("select takes the response carrier's field names", () => {
    expectTypeOf<"Name" | "UserName" | "_Links">().toMatchTypeOf<SelectableField<"updateUser">>();
    expectTypeOf<OperationArgs<"validateUser">>().not.toHaveProperty("select");
  });

  it("wrong body fields, wrong select names and a missing id do not compile", () => {
    // These calls are type-checked only; the function is never run.
    const check = () => {
      // @ts-expect-error: 'Nmae' is not a field of User
      void api.updateUser({ id: 1, body: { Nmae: "x" } });
      // @ts-expect-error: Rank is an int32, not a string
      void api.updateUser({ id: 1, body: { Rank: "1" } });
      // @ts-expect-error: 'Nmae' is not a field of UserWithLinks
      void api.updateUser({ id: 1, body: {}, select: ["Nmae"] });
      // @ts-expect-error: the path parameter id is missing
      void api.updateUser({ body: {} });
      // @ts-expect-error: id is a number
      void api.updateUser({ id: "1", body: {} });
      // @ts-expect-error: the body is required
      void api.validateUser({});
      // @ts-expect-error: validateUser takes no $select
      void api.validateUser({ body: {}, select: ["1"] });
      // @ts-expect-error: 'Administrator' is not a user type
      void api.userAgent.createDefaultUserFromUserTypeAndCredential({ body: { UserType: "Administrator" } });
      // @ts-expect-error: servers send Unknown but refuse it in a request
      void api.userAgent.createDefaultUserFromUserTypeAndCredential({ body: { UserType: "Unknown" } });
      // @ts-expect-error: move is not a supported JSON Patch operation
      void api.patchUser({ id: 1, body: [{ op: "move", path: "/Rank" }] });
      // @ts-expect-error: listUsers takes no body
      void api.listUsers({ body: {} });
      // @ts-expect-error: $top is an integer
      void api.listUsers({ query: { $top: "10" } });
    };
    expectTypeOf(check).toBeFunction();
  });
});
