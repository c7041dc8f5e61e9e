// createUserApiClient: one factory that sets base URL, auth and defaults, and binds one function per operation
// where the naming rule (src/naming.ts) puts it: REST calls on the client, agent calls under `userAgent`/`personAgent`.
import createClient, { type Middleware } from "openapi-fetch";
import { operationTable, type ArchiveRow, type ODataSlimResponse, type UserApiOperations } from "../generated/operations.js";
import type { paths } from "../generated/schema.js";
import { authHeaders, authSecrets, headerValueProblem, type UserApiAuth } from "./auth.js";
import { callOperation, checkHeaders, serializeQuery, type CallContext } from "./call.js";
import { UserApiRequestError } from "./errors.js";
import { createFetchTransport, fetchWithLimits } from "./fetch-transport.js";
import { clientPlace } from "./naming.js";
import type { CallOptions, OperationArgs, RetryPolicy } from "./operation-types.js";
import { followNextLinks } from "./paging.js";
import { checkClientOptions } from "./options.js";
import type { UserApiTransport } from "./transport.js";

/** Options of createUserApiClient. */
export type UserApiClientOptions = {
  /** The tenant's WebAPI base URL, including `/api/v1`: `https://online.superoffice.com/Cust12345/api/v1`. */
  baseUrl: string;
  /** How to authenticate. Leave out only for a server that needs none (a mock). */
  auth?: UserApiAuth;
  /** Partner app token (`SO-AppToken`), for server-to-server calls to SuperOffice Online. */
  appToken?: string;
  /** Language of strings and multi-language values (`SO-Language`, ISO 639-1). */
  language?: string;
  /** Culture for number and date formatting (`SO-Culture`). */
  culture?: string;
  /** Time zone that date-times are converted to (`SO-TimeZone`). */
  timeZone?: string;
  /** Extra headers sent with every call. */
  headers?: Record<string, string>;
  /** The fetch to use (default: globalThis.fetch). Ignored when `transport` is given. */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * How requests are sent, instead of a fetch: `createNodeTransport()` from `superoffice-user-api/node`
   * (node:http with keep-alive). The package's Node entry uses it by default.
   */
  transport?: UserApiTransport;
  /** The Request class to use with a custom fetch (default: globalThis.Request). */
  Request?: typeof Request;
  /** Abort a call after this many milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Abort a call after this many milliseconds, all attempts and waits together (default: no such limit). */
  deadlineMs?: number;
  /** Fail a call whose response body is larger than this many bytes (default 64 MiB). */
  maxResponseBytes?: number;
  /** Retry policy for 429 and 503 answers (default: 2 retries of idempotent calls, honouring Retry-After). */
  retry?: Partial<RetryPolicy>;
  /** openapi-fetch middleware, run on every request and response. */
  middleware?: Middleware[];
};

/** The client: REST calls by operationId, agent calls under `userAgent`/`personAgent`, plus paging and middleware. */
export type UserApiClient = UserApiOperations & {
  /**
   * Every row of the user archive: calls `listUsers` and follows `odata.nextLink` page by page,
   * on the same server only. Stops at the last page; errors reject the iteration.
   */
  listAllUsers(args?: OperationArgs<"listUsers">, options?: CallOptions): AsyncIterableIterator<ArchiveRow>;
  /** Registers openapi-fetch middleware. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware registered with use(). */
  eject(...middleware: Middleware[]): void;
};

/** Default timeout of a call, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Default cap on a response body, in bytes: far above any User carrier, far below what hurts a process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Default retry policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 2,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  retryNonIdempotent: false,
};

/** The headers every call sends, checked so that a bad value fails here rather than on the wire. */
function defaultHeaders(options: UserApiClientOptions): Record<string, string> {
  const named: [string, string, string | undefined][] = [
    ["appToken", "SO-AppToken", options.appToken],
    ["language", "SO-Language", options.language],
    ["culture", "SO-Culture", options.culture],
    ["timeZone", "SO-TimeZone", options.timeZone],
  ];
  const headers: Record<string, string> = { Accept: "application/json" };
  for (const [option, header, value] of named) if (value !== undefined) headers[header] = value;
  Object.assign(headers, options.headers);
  const auth = options.auth ? authHeaders(options.auth) : {};
  const noCall = { operationId: undefined, method: undefined, path: undefined };
  const refuse = (what: string, problem: string) => {
    throw new UserApiRequestError(`${what} ${problem}`, noCall);
  };
  for (const [option, header, value] of named) {
    const problem = value === undefined ? undefined : headerValueProblem(value);
    if (problem) refuse(`option '${option}' (${header})`, problem);
  }
  checkHeaders(options.headers, noCall);
  for (const [name, value] of Object.entries(auth)) {
    const problem = headerValueProblem(value);
    if (problem) refuse(`option 'auth' (${name} header)`, problem);
  }
  return { ...headers, ...auth };
}

/** Creates a typed client for the SuperOffice user-management API. */
export function createUserApiClient(options: UserApiClientOptions): UserApiClient {
  checkClientOptions(options);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // Without a fetch or transport of the caller's, the global fetch is called on the light path (fetch-transport.ts).
  const transport = options.transport ?? (options.fetch || options.Request ? undefined : createFetchTransport());
  const fetchClient = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: defaultHeaders(options),
    querySerializer: serializeQuery,
    // prepareRequest has serialised the body already (once, with its checks): it goes on the wire as it is.
    bodySerializer: (text: unknown) => text as string,
    fetch: transport
      ? (request: Request) => transport.fetch(request, { maxResponseBytes })
      : fetchWithLimits(options.fetch ?? ((request) => globalThis.fetch(request)), maxResponseBytes),
    ...(options.Request ? { Request: options.Request } : {}),
  });
  // Middleware sees real Request objects; without middleware a transport may use its lighter one.
  const middleware = new Set<Middleware>();
  const use = (...added: Middleware[]) => {
    for (const m of added) middleware.add(m);
    fetchClient.use(...added);
  };
  if (options.middleware?.length) use(...options.middleware);
  const ctx: CallContext = {
    lightPath: () => (transport?.Request && middleware.size === 0 ? transport : undefined),
    fetchClient,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    deadlineMs: options.deadlineMs,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    secrets: [...authSecrets(options.auth), ...(options.appToken ? [options.appToken] : [])],
  };
  const client: Record<string, unknown> = {
    use,
    eject: (...removed: Middleware[]) => {
      for (const m of removed) middleware.delete(m);
      fetchClient.eject(...removed);
    },
  };
  for (const [operationId, info] of Object.entries(operationTable)) {
    const { namespace, name } = clientPlace(operationId, info.path);
    const target = namespace ? ((client[namespace] ??= {}) as Record<string, unknown>) : client;
    target[name] = (args: Record<string, unknown> = {}, callOptions?: object) =>
      callOperation(ctx, operationId, info, args, callOptions);
  }
  const list = operationTable.listUsers;
  client.listAllUsers = (args: Record<string, unknown> = {}, callOptions?: CallOptions) =>
    followNextLinks(
      (pageArgs) => callOperation(ctx, "listUsers", list, pageArgs, callOptions) as Promise<ODataSlimResponse | undefined>,
      args,
      options.baseUrl,
      { operationId: "listUsers", method: list.method.toUpperCase(), path: list.path },
      ctx.secrets,
    );
  return client as unknown as UserApiClient;
}
