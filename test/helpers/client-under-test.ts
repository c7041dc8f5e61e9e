// The createUserApiClient under test: the fetch one (browser entry) or the node:http one (Node entry), chosen by
// USER_API_TRANSPORT. vitest.config.ts runs the client tests once per transport, so both behave the same.
import * as fetchEntry from "../../src/index.js";
import * as nodeEntry from "../../src/node.js";
import { operationTable } from "../../generated/operations.js";
import { clientPlace } from "../../src/naming.js";

/** Which transport these tests exercise. */
export const transportName: "fetch" | "node" = process.env.USER_API_TRANSPORT === "node" ? "node" : "fetch";

/** createUserApiClient from the entry for that transport. */
export const createUserApiClient = transportName === "node" ? nodeEntry.createUserApiClient : fetchEntry.createUserApiClient;

/** A client operation function by operationId, found where the naming rule puts it (`api.getUser`, `api.userAgent.getUser`). */
export function operationFunction(api: object, operationId: string): (args?: object, options?: object) => Promise<unknown> {
  const info = operationTable[operationId as keyof typeof operationTable];
  if (!info) throw new Error(`no operation ${operationId} in the operation table`);
  const { namespace, name } = clientPlace(operationId, info.path);
  const holder = (namespace ? (api as Record<string, any>)[namespace] : api) as Record<string, any> | undefined;
  const fn = holder?.[name];
  if (typeof fn !== "function") throw new Error(`${operationId} is not at ${namespace ? `${namespace}.` : ""}${name} on the client`);
  return fn;
}
