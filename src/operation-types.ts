// Types that turn openapi-typescript's `operations` into the arguments and results of the client's functions.
import type { components, operations } from "../generated/schema.js";
import type { ColumnSelectOperationId, OperationTypes } from "../generated/operations.js";

/** The operationIds of the contract. */
export type OperationId = keyof operations;

type Op<K extends OperationId> = operations[K];
type IsNever<T> = [T] extends [never] ? true : false;
type JsonContent<R> = R extends { content: { "application/json": infer T } } ? T : undefined;
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type EmptyObject = Record<never, never>;

/** A schema of the contract as openapi-typescript renders it; the generated carrier interfaces extend it. */
export type Carrier<N extends keyof components["schemas"]> = NonNullable<components["schemas"][N]>;

/** The JSON body of the operation's 2xx response as openapi-typescript renders it (the generator's fallback). */
export type RawData<K extends OperationId> = {
  [S in keyof Op<K>["responses"]]: S extends SuccessStatus ? JsonContent<Op<K>["responses"][S]> : never;
}[keyof Op<K>["responses"]];

// openapi-typescript writes `requestBody?: never` for operations without a body.
type BodyOf<K extends OperationId> = NonNullable<Op<K>["requestBody"]>;

/** The JSON request body as openapi-typescript renders it (the generator's fallback). */
export type RawBody<K extends OperationId> =
  IsNever<BodyOf<K>> extends true ? never : BodyOf<K> extends { content: { "application/json": infer B } } ? B : never;

/** The JSON body of the operation's 2xx response, by carrier name; `undefined` for 204 No Content. */
export type OperationData<K extends OperationId> = OperationTypes[K]["data"];

/**
 * What `select` accepts: the property names of the response carrier, or any archive column name on archive
 * lists such as `listUsers`, whose columns the contract does not enumerate.
 */
export type SelectableField<K extends OperationId> = K extends ColumnSelectOperationId
  ? string
  : keyof NonNullable<OperationData<K>> & string;

/** No argument properties: the operation takes no path parameter, body, select or query. */
export type EmptyArgs = EmptyObject;

/** The operation's path parameters, as properties of the first argument (`{ id: 500 }`). */
export type PathArg<K extends OperationId> = NonNullable<Op<K>["parameters"]["path"]>;

/** The request body of an operation that requires one. */
export type BodyArg<B> = {
  /** The request body, in wire format. */
  body: B;
};

/** The request body of an operation where it may be left out. */
export type OptionalBodyArg<B> = {
  /** The request body, in wire format. */
  body?: B;
};

/** `select` of an operation whose answer is the carrier D: its property names. */
export type SelectArg<D> = {
  /** Fill in only these properties of the response; the others come back `null` (or default). */
  select?: readonly (keyof NonNullable<D> & string)[];
};

/** `select` of an archive list, whose columns the contract does not enumerate. */
export type ColumnSelectArg = {
  /** The archive columns to return, for example `["name", "fullName", "personId"]`. */
  select?: readonly string[];
};

type QueryOf<K extends OperationId> = Omit<NonNullable<Op<K>["parameters"]["query"]>, "$select">;

/** The operation's other query parameters, some of them required (the agents' `?userId=`). */
export type QueryArg<K extends OperationId> = {
  /** The operation's other query parameters; some are required (the agents' `?userId=`). */
  query: QueryOf<K>;
};

/** The operation's other query parameters, all optional. */
export type OptionalQueryArg<K extends OperationId> = {
  /** The operation's other query parameters. */
  query?: QueryOf<K>;
};

/** The first argument of an operation function: path parameters, body, select and other query parameters. */
export type OperationArgs<K extends OperationId> = OperationTypes[K]["args"];

/** Per-call options, on top of the client's defaults. */
export type CallOptions = {
  /** Abort the call. Combined with the timeout. */
  signal?: AbortSignal;
  /** Abort an attempt after this many milliseconds (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Abort the call after this many milliseconds, all attempts and waits together (default: the client's). */
  deadlineMs?: number;
  /** Extra request headers for this call; `language`, `culture` and `timeZone` may be overridden this way. */
  headers?: Record<string, string>;
  /** Retry policy for this call, merged over the client's. */
  retry?: Partial<RetryPolicy>;
};

/** When and how often a call is repeated after 429 Too Many Requests or 503 Service Unavailable. */
export type RetryPolicy = {
  /** How many times to retry after the first attempt (default 2; 0 turns retries off). */
  retries: number;
  /** Delay before the first retry when the server sends no Retry-After, doubled on each retry (default 250 ms). */
  baseDelayMs: number;
  /** Upper bound of any one delay, Retry-After included; a longer Retry-After ends the retries (default 10 s). */
  maxDelayMs: number;
  /** Retry POST calls too. Off by default: a POST may have been carried out although the answer was 503. */
  retryNonIdempotent: boolean;
};

/** One operation function of the client; the arguments may be left out when none is required. */
export type OperationFunction<K extends OperationId> =
  EmptyObject extends OperationArgs<K>
    ? (args?: OperationArgs<K>, options?: CallOptions) => Promise<OperationData<K>>
    : (args: OperationArgs<K>, options?: CallOptions) => Promise<OperationData<K>>;

/** A path parameter and the constraints of its schema, checked before a call is sent. */
export type PathParamInfo = {
  readonly name: string;
  readonly type?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
};

/** What the runtime knows of an operation; the generated operation table holds one per operationId. */
export type OperationInfo = {
  readonly method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  readonly path: string;
  /** Path parameters with their constraints; absent when there are none. */
  readonly pathParams?: readonly PathParamInfo[];
  /** True when the operation takes `$select`. */
  readonly select?: boolean;
  /** Query parameters the call cannot be sent without (the agents' `?userId=`). */
  readonly requiredQuery?: readonly string[];
  /** True when the answer is itself a secret (a new password, a token): never quoted in an error. */
  readonly secretAnswer?: boolean;
  /** Whether a body is required or optional; absent when the operation takes none. */
  readonly body?: "required" | "optional";
  /** The JSON Patch and merge-patch media types the operation accepts, if any. */
  readonly patchMediaTypes?: readonly string[];
};
