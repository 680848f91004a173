import type { OutboundPort } from "./outbound.js";

/**
 * The platforms the core can reach on its own, one port each, registered by the adapters as they
 * start: surveys, reminders and announcements go through whichever their recipients are on.
 */
export class OutboundPorts {
  private readonly ports = new Map<string, OutboundPort>();

  register(port: OutboundPort): void {
    this.ports.set(port.platform, port);
  }

  /** The port of a platform, or undefined when that platform is not running in this process. */
  of(platform: string): OutboundPort | undefined {
    return this.ports.get(platform);
  }

  platforms(): string[] {
    return [...this.ports.keys()];
  }
}
