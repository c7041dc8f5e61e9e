// listAllUsers against the Prism mock that `npm start` runs: it pages to the end of what the mock serves.
import { describe, expect, inject, it } from "vitest";
import { UserApiResponseError } from "../src/index.js";
import { createUserApiClient } from "./helpers/client-under-test.js";
import { doc } from "./helpers/spec-examples.js";

const api = () => createUserApiClient({ baseUrl: inject("prismUrl"), auth: { bearer: "paging-mock-token" } });
const examples = doc.components.examples as Record<string, { value: { "odata.nextLink"?: string; value: { PrimaryKey: number }[] } }>;

describe("listAllUsers against the mock", () => {
  it("reaches the end: every row of the mock's answer once, then stops", async () => {
    const page = examples.ListUsersResponseExample!.value;
    const keys: number[] = [];
    for await (const row of api().listAllUsers({ select: ["userName", "fullName"] })) keys.push(row.PrimaryKey!);
    expect(keys).toEqual(page.value.map((row) => row.PrimaryKey));
    expect(keys.length).toBeGreaterThan(0);
  });

  it("the contract's page with a next link (another origin) yields its rows, then is refused, not followed", async () => {
    const page = examples.ListUsersFirstPageResponseExample!.value;
    expect(new URL(page["odata.nextLink"]!).origin).not.toBe(new URL(inject("prismUrl")).origin);
    const keys: number[] = [];
    const iterate = async () => {
      for await (const row of api().listAllUsers({}, { headers: { Prefer: "example=firstOfSeveralPages" } })) keys.push(row.PrimaryKey!);
    };
    await expect(iterate()).rejects.toBeInstanceOf(UserApiResponseError);
    expect(keys).toEqual(page.value.map((row) => row.PrimaryKey));
  });
});
