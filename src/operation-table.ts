// The operation table as generated: agent calls leave out their method and path, which the naming rule gives
// (`userAgentGetUser` is `POST /Agents/User/GetUser`); that is a quarter of the table's weight in a browser bundle.
import type { OperationInfo } from "./operation-types.js";

/** A generated row: an OperationInfo, without method and path for an agent call. */
export type OperationRow = Omit<OperationInfo, "method" | "path"> & Partial<Pick<OperationInfo, "method" | "path">>;

/** `/Agents/<Agent>/<Method>` for an agent call's operationId (`userAgentGetUser`), else undefined. */
export function agentPath(operationId: string): string | undefined {
  const agent = /^([a-z]+)Agent([A-Z]\w*)$/.exec(operationId);
  return agent ? `/Agents/${agent[1]!.charAt(0).toUpperCase()}${agent[1]!.slice(1)}/${agent[2]}` : undefined;
}

/** Expands the generated rows into the table the client binds its functions from. */
export function expandOperationTable<K extends string>(rows: Record<K, OperationRow>): { readonly [P in K]: OperationInfo } {
  const table = {} as Record<K, OperationInfo>;
  for (const id of Object.keys(rows) as K[]) table[id] = { method: "post", path: agentPath(id)!, ...rows[id] };
  return table;
}
