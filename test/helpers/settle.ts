// How a call that must fail failed, for the fault tests.
import { expect } from "vitest";

/** The rejection reason of a call that must fail; the test fails when the call resolves. */
export function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => expect.unreachable("the call succeeded"),
    (error: unknown) => error,
  );
}
