// Command-line options shared by the npm scripts (start, proxy): `--name value` or `--name=value`, then the environment.

/** The value of `--name value` or `--name=value`, or undefined when the flag is absent. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg.includes("=") ? arg.slice(name.length + 1) : (argv[index + 1] ?? "");
}

/** A port from `--flag N`, else the environment variable, else the default; a clear error for anything else. */
export function portOption(argv: readonly string[], env: NodeJS.ProcessEnv, flag: string, envName: string, fallback: number): number {
  const raw = flagValue(argv, flag) ?? env[envName];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${flag} / ${envName} must be a port number, got ${raw}`);
  return value;
}
