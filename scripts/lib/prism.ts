// Starts and stops a Prism mock server of the contract on 127.0.0.1: used by the tests and `npm start`.
import { spawn, type ChildProcess } from "node:child_process";
import { localBin, repoRoot, specPath } from "./spec.js";

/** A running Prism mock. */
export type PrismServer = { url: string; port: number; process: ChildProcess; stop(): Promise<void> };

/** Starts `prism mock` on the given port and resolves once it listens; rejects with Prism's output when it fails. */
export function startPrism(port: number, options: { spec?: string; timeoutMs?: number } = {}): Promise<PrismServer> {
  const prism = localBin("prism");
  const child = spawn(prism, ["mock", options.spec ?? specPath, "-h", "127.0.0.1", "-p", String(port), "--errors"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    detached: process.platform !== "win32",
  });
  let output = "";
  const stop = () => stopProcess(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Prism did not start on port ${port} within ${options.timeoutMs ?? 60_000} ms:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}`, port, process: child, stop });
      } else if (/EADDRINUSE|address already in use/i.test(output)) {
        clearTimeout(timer);
        void stop();
        reject(new Error(`Port ${port} is already in use: choose another one for the mock server.`));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with code ${code} before it listened:\n${output}`));
    });
  });
}

/** Stops a child process and everything it started, and waits for it to exit. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    function kill(signal: NodeJS.Signals) {
      try {
        // A negative pid signals the whole process group (prism runs node under a shell wrapper).
        process.kill(child.pid !== undefined && process.platform !== "win32" ? -child.pid : (child.pid ?? 0), signal);
      } catch {
        child.kill(signal);
      }
    }
    kill("SIGTERM");
  });
}
