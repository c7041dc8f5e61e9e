// The createUserApiClient under test: the fetch one (browser entry) or the node:http one (Node entry), chosen by
// USER_API_TRANSPORT. vitest.config.ts runs the client tests once per transport, so both behave the same.
import * as fetchEntry from "../../src/index.js";
import * as nodeEntry from "../../src/node.js";

/** Which transport these tests exercise. */
export const transportName: "fetch" | "node" = process.env.USER_API_TRANSPORT === "node" ? "node" : "fetch";

/** createUserApiClient from the entry for that transport. */
export const createUserApiClient = transportName === "node" ? nodeEntry.createUserApiClient : fetchEntry.createUserApiClient;
