import { open } from "node:fs/promises";

/** A text file, refused past `maxBytes` before it is read: a wrong path to a huge file must not fill the memory. */
export async function readFileBounded(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, "r").catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === "ENOENT" ? "no such file" : error.code === "EACCES" ? "permission denied" : error.message);
  });
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}
