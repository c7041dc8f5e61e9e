// Public entry point of superoffice-user-api.
export { createUserApiClient, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS } from "./client.js";
export type { UserApiClient, UserApiClientOptions } from "./client.js";
export type { UserApiAuth } from "./auth.js";
export type { TransportOptions, UserApiTransport } from "./transport.js";
export {
  UserApiAbortError,
  UserApiError,
  UserApiHttpError,
  UserApiNetworkError,
  UserApiRequestError,
  UserApiResponseError,
  UserApiTimeoutError,
  isUserApiError,
} from "./errors.js";
export type { UserApiErrorKind } from "./errors.js";
export type {
  CallOptions,
  OperationArgs,
  OperationData,
  OperationId,
  RetryPolicy,
  SelectableField,
} from "./operation-types.js";
export { operationTable } from "../generated/operations.js";
export type * from "../generated/operations.js";
export type { components, operations, paths } from "../generated/schema.js";
