import { isIPv4 } from "node:net";

/**
 * Without MICROSOFT_APP_ID botbuilder checks no token at all, so Parcours serves only this machine:
 * it listens on loopback, and it sends replies only to a loopback service URL (the Bot Framework
 * Emulator's). Otherwise anyone reaching the port could make the bot post to a server of their choice.
 */
export const EMULATOR_HOST = "127.0.0.1";

/** 127.0.0.0/8, localhost or [::1]. */
export function isLoopbackUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false;
  }
  if (hostname === "localhost" || hostname === "[::1]") return true;
  return isIPv4(hostname) && hostname.startsWith("127.");
}
