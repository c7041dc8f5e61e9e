// Settings shared by the property-based tests: a fixed seed so that `npm test` is repeatable, and env overrides.
//   FUZZ_RUNS=20000 npx vitest run test/secrets.property.test.ts   (more cases)
//   FUZZ_SEED=123 npm test                                          (another sequence)

/** The seed of every property test; a failure report prints it together with the counterexample's path. */
export const fuzzSeed = Number(process.env.FUZZ_SEED ?? 20261124);

/** How many cases a property runs: FUZZ_RUNS when set, else the test's default. */
export function fuzzRuns(defaultRuns: number): number {
  const runs = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(runs) && runs > 0 ? runs : defaultRuns;
}
