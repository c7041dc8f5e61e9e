// The package's entry on Node.js: the same API, with createUserApiClient sending through node:http with
// keep-alive (createNodeTransport) unless a fetch or transport is given. Bundlers for browsers use index.ts.
import { createUserApiClient as createWithOptions, type UserApiClient, type UserApiClientOptions } from "./client.js";
import { createNodeTransport } from "./node-transport.js";

export * from "./index.js";
export { createNodeTransport } from "./node-transport.js";
export type { NodeTransportOptions } from "./node-transport.js";

/** One transport, and so one pool of keep-alive sockets, for every client of this process. */
let sharedTransport: ReturnType<typeof createNodeTransport> | undefined;

/** Creates a typed client for the SuperOffice user-management API; on Node it uses the node:http transport. */
export function createUserApiClient(options: UserApiClientOptions): UserApiClient {
  if (options?.fetch || options?.transport) return createWithOptions(options);
  sharedTransport ??= createNodeTransport();
  return createWithOptions({ ...options, transport: sharedTransport });
}
