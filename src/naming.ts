// The naming rule of the client: where each operation of the contract is found on it.

/** Lower-cases the first letter: `GetUserGroup` -> `getUserGroup`. */
const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * Where the client puts an operation. Agent calls, `POST /Agents/<Agent>/<Method>`, go under a namespace named
 * after the agent, as SuperOffice's reference and its own client group them: `api.userAgent.getUserGroup`.
 * REST calls sit on the client itself under their operationId: `PUT /User/{id}` is `api.updateUser`.
 */
export function clientPlace(operationId: string, path: string): { namespace?: string; name: string } {
  const agent = /^\/Agents\/([A-Za-z]+)\/([A-Za-z0-9]+)$/.exec(path);
  return agent ? { namespace: `${lowerFirst(agent[1]!)}Agent`, name: lowerFirst(agent[2]!) } : { name: operationId };
}
