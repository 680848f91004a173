import type { IncomingMessage } from "node:http";

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "BodyTooLarge";
  }
}

/** The declared Content-Length, when there is a well-formed one (a chunked body has none). */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers["content-length"];
  return header && /^\d+$/.test(header) ? Number(header) : undefined;
}

/**
 * Reads a request body, but never more than `maxBytes` of it: past the limit, reading stops (the
 * stream is paused and left) and the promise rejects with BodyTooLarge, so a huge or endless
 * chunked body costs at most `maxBytes` of memory.
 */
export function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (finish: () => void) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      finish();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        settle(() => reject(new BodyTooLarge(maxBytes)));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, size)));
    const onError = (error: Error) => settle(() => reject(error));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}
