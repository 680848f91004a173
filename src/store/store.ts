export type { StateStore as Store } from "./state-store.js";
