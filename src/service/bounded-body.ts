import type { IncomingMessage } from "node:http";

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "BodyTooLarge";
  }
}

/** The client closed the connection before its body was all sent: nobody is left to answer. */
export class RequestAborted extends Error {
  constructor() {
    super("client closed the connection before the request body ended");
    this.name = "RequestAborted";
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
 * chunked body costs at most `maxBytes` of memory. A connection closed before the end rejects with
 * RequestAborted, whether or not Node reported it as an error first.
 */
export function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (finish: () => void) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
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
    // Node 20 reports a client's abort as an error "aborted" (ECONNRESET), but only to a listener already there.
    const onError = (error: Error) => settle(() => reject(isAbort(error) ? new RequestAborted() : error));
    const onClose = () => settle(() => reject(new RequestAborted()));
    if (req.destroyed) return reject(new RequestAborted());
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

function isAbort(error: Error & { code?: string }): boolean {
  return error.code === "ECONNRESET" || error.message === "aborted";
}
