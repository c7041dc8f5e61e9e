// A TCP server on 127.0.0.1 that answers every connection with bytes the test chose: for answers that break HTTP
// in ways node:http's server refuses to send (a 204 with a body, a body longer than its Content-Length).
import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** An HTTP/1.1 answer as bytes: status line, headers as given (nothing added), then the body. */
export function rawAnswer(status: string, headers: Record<string, string | number>, body: Buffer | string = ""): Buffer {
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\n${head}\r\n`, "latin1"), Buffer.from(body)]);
}

/** Starts a server that writes `answer` on each connection once a request arrives, then closes it. */
export async function startRawServer() {
  let answer = rawAnswer("500 Internal Server Error", { "Content-Length": 0 });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.once("data", () => socket.end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answerWith(bytes: Buffer) {
      answer = bytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
