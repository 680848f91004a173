import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Preloaded (NODE_OPTIONS --import) into a process whose memory a bench reads: SIGUSR2 runs a full
 * garbage collection, so that /metrics then shows what the heap keeps, not garbage V8 has not yet
 * needed to collect. A heap snapshot would show it too, but leaves the resident set hundreds of MB
 * larger for the reading after it. The flag set at run time reaches contexts created after it.
 */
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
process.on("SIGUSR2", () => collect());
