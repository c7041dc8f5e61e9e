// Runs a child Node process to the end without blocking the event loop (the test's own servers keep answering).
import { spawn } from "node:child_process";
import { repoRoot } from "../../scripts/lib/spec.js";

export type ProcessResult = { code: number | null; stdout: string; stderr: string };

/** Runs `node ...args` in the repository root and collects its output. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ProcessResult> {
  return runProcess(process.execPath, args, env);
}

/** Runs a program in the repository root and collects its output. */
export function runProcess(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
