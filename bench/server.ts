// The in-process server the benchmark calls: answers every request with the seed User sample, keep-alive on.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** Starts the server on 127.0.0.1; the answer is serialised once. */
export async function startBenchServer(answer: unknown) {
  const payload = Buffer.from(JSON.stringify(answer));
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": payload.length }).end(payload));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
