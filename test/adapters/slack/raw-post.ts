import { request } from "node:http";
import { connect } from "node:net";

export interface UnfinishedPost {
  status: number;
  /** Bytes of body written before the answer came. */
  written: number;
}

/**
 * A POST whose body never ends, written until the server answers: a huge declared Content-Length
 * with a first kilobyte only, or a chunked body sent 64 KB at a time. It only resolves if the server
 * answers before the body is complete (there is no complete), so waiting for the whole body would
 * leave it hanging, and the test failing on its timeout.
 */
export function postUnfinished(url: string, headers: Record<string, string>, body: { declaredLength: number } | { chunked: true }): Promise<UnfinishedPost> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(url, {
      method: "POST",
      headers: { ...headers, ...("declaredLength" in body ? { "content-length": String(body.declaredLength) } : { "transfer-encoding": "chunked" }) },
    });
    req.on("response", (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, written });
      req.destroy();
    });
    // Once the server has answered and closed, writes fail: that is the end of the test, not an error.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc("declaredLength" in body ? 1024 : 64 * 1024, "a");
    const writeMore = () => {
      while (!answered && !req.destroyed) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", writeMore);
        if ("declaredLength" in body) return;
      }
    };
    req.flushHeaders();
    writeMore();
  });
}

/** The status of the answer to bytes written as they are on a fresh connection: a request line no HTTP client would send. */
export function rawRequestStatus(url: string, request: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let received = "";
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.on("data", (data) => {
      received += data.toString("latin1");
      const statusLine = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (statusLine) {
        resolve(Number(statusLine[1]));
        socket.destroy();
      }
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error(`connection closed without an answer: ${JSON.stringify(received)}`)));
  });
}

/**
 * A POST that the client gives up on: its headers, then the first bytes of a longer body, then the
 * connection reset. The headers ask for "100 Continue", which Node's server sends as it hands the
 * request to its handler: the body's first bytes and the reset come once the handler is reading
 * it. Resolves once the reset is sent; what the server makes of it is for the test to see.
 */
export function abortedPost(url: string, headers: Record<string, string>, body: { declaredLength: number; sent: string }): Promise<void> {
  const { hostname, port, pathname } = new URL(url);
  const head = [`POST ${pathname} HTTP/1.1`, `Host: ${hostname}:${port}`, `Content-Length: ${body.declaredLength}`, "Expect: 100-continue", ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${head.join("\r\n")}\r\n\r\n`));
    socket.once("data", (data) => {
      if (!data.toString("latin1").startsWith("HTTP/1.1 100")) return reject(new Error(`expected 100 Continue, got ${JSON.stringify(data.toString("latin1"))}`));
      socket.write(body.sent, () => {
        socket.resetAndDestroy();
        resolve();
      });
    });
    socket.on("error", reject);
  });
}
