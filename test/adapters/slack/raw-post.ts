import { request } from "node:http";

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
