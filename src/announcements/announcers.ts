import { describeError } from "../logging/describe-error.js";
import type { Logger } from "../logging/logger.js";
import type { OutboundPorts } from "../outbound/outbound-ports.js";
import type { DataSubject } from "../privacy/user-erasure.js";
import type { StateStore } from "../store/state-store.js";

/** A group's members are asked again after this long: someone removed from L&D loses the right within minutes. */
const GROUP_MEMORY_MS = 5 * 60_000;
const GROUP_ENTRY = /^([a-z]+):group:(.+)$/;

/**
 * Who may announce: L&D staff, listed by id (`slack:U0123`, `teams:<Entra object id>`) or as a
 * Slack user group (`slack:group:S0123`) in LND_ADMINS. A group's members are listed by the
 * platform and remembered for a few minutes in the shared state.
 */
export class Announcers {
  private readonly groups: { platform: string; id: string }[];

  constructor(
    private readonly admins: ReadonlySet<string>,
    private readonly ports: OutboundPorts,
    private readonly state: StateStore,
    private readonly logger: Logger,
  ) {
    this.groups = [...admins].flatMap((entry) => {
      const group = GROUP_ENTRY.exec(entry);
      return group ? [{ platform: group[1]!, id: group[2]! }] : [];
    });
  }

  async allows(speaker: DataSubject): Promise<boolean> {
    if (this.admins.has(`${speaker.platform}:${speaker.userId}`)) return true;
    for (const group of this.groups.filter((g) => g.platform === speaker.platform)) {
      if ((await this.members(group.platform, group.id))?.includes(speaker.userId)) return true;
    }
    return false;
  }

  /** A group the platform cannot list lets nobody in: refusing is the safe side. */
  private async members(platform: string, groupId: string): Promise<string[] | undefined> {
    const key = `announcers:${platform}:${groupId}`;
    const known = await this.state.get<string[]>(key);
    if (known) return known;
    const fanOut = this.ports.of(platform)?.fanOut;
    if (!fanOut) return undefined;
    try {
      const members = await fanOut.userGroup(groupId);
      await this.state.set(key, members, GROUP_MEMORY_MS);
      return members;
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, "announcers' user group unavailable");
      return undefined;
    }
  }
}
