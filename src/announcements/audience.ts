import type { Locale } from "../catalog/schema.js";
import type { OutboundPorts } from "../outbound/outbound-ports.js";
import type { OutboundPort } from "../outbound/outbound.js";
import type { Audience, Recipient } from "./announcement.js";

/** An audience as recipients, each once, or what in it names nothing the platforms know. */
export interface ResolvedAudience {
  recipients: Recipient[];
  /** Names of channels not found, platforms not running here. */
  unknownChannels: string[];
  unavailablePlatforms: string[];
}

/** An entry may name its platform first ("teams:19:…@thread.tacv2"); Teams ids hold colons, so only a known platform name counts. */
const PLATFORM_PREFIX = /^(slack|teams|console):(.+)$/;
/** Slack's encoded mentions, as a message or a form gives them: <#C123|name>, <@U123>, <!subteam^S123|@name>. */
const SLACK_MENTION = /^<[#@]([A-Z0-9]+)(?:\|[^>]*)?>$|^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/;

function placeOf(entry: string, defaultPlatform: string): { platform: string; name: string } {
  const prefixed = PLATFORM_PREFIX.exec(entry.trim());
  const platform = prefixed ? prefixed[1]! : defaultPlatform;
  const raw = (prefixed ? prefixed[2]! : entry).trim();
  const mention = SLACK_MENTION.exec(raw);
  return { platform, name: mention ? (mention[1] ?? mention[2])! : raw.replace(/^@(?=[UW][A-Z0-9]+$)/, "") };
}

/**
 * Turns an announcement's audience into recipients: channels posted in once each; members of
 * channels, listed users, user groups and everyone reached privately, each person once however
 * many of those name them. Languages come from the platforms' paged listings, in one pass per
 * platform; a person the platform knows no language for gets `fallbackLocale`.
 */
export async function resolveAudience(audience: Audience, options: { authorPlatform: string; ports: OutboundPorts; channelLocale: Locale; fallbackLocale: Locale }): Promise<ResolvedAudience> {
  const { ports } = options;
  const channels = new Map<string, Recipient>();
  const people = new Map<string, { platform: string; userId: string; locale?: Locale }>();
  const unknownChannels: string[] = [];
  const unavailable = new Set<string>();
  const portOf = (platform: string): OutboundPort | undefined => {
    const port = ports.of(platform);
    if (!port) unavailable.add(platform);
    return port;
  };
  const addPerson = (platform: string, userId: string, locale?: Locale) => {
    const key = `${platform}:${userId}`;
    if (!people.get(key)?.locale) people.set(key, { platform, userId, ...(locale ? { locale } : {}) });
  };
  const channelOf = async (entry: string) => {
    const { platform, name } = placeOf(entry, options.authorPlatform);
    const port = portOf(platform);
    if (!port) return undefined;
    const id = port.fanOut ? await port.fanOut.channelId(name) : name;
    if (!id) unknownChannels.push(entry);
    return id ? { platform, id, port } : undefined;
  };

  for (const entry of audience.channels) {
    const channel = await channelOf(entry);
    if (channel) channels.set(`${channel.platform}:${channel.id}`, { platform: channel.platform, target: channel.id, kind: "channel", locale: options.channelLocale });
  }
  for (const entry of audience.channelMembers) {
    const channel = await channelOf(entry);
    if (channel) for (const member of await channel.port.listMembers(channel.id)) addPerson(channel.platform, member);
  }
  for (const entry of audience.users) {
    const { platform, name } = placeOf(entry, options.authorPlatform);
    if (portOf(platform)) addPerson(platform, name);
  }
  for (const entry of audience.userGroups) {
    const { platform, name } = placeOf(entry, options.authorPlatform);
    const fanOut = portOf(platform)?.fanOut;
    if (fanOut) for (const member of await fanOut.userGroup(name)) addPerson(platform, member);
    else if (ports.of(platform)) unavailable.add(platform);
  }
  const everyone = audience.everyone === true ? ports.platforms() : audience.everyone === false ? [] : audience.everyone;
  for (const platform of everyone) {
    const fanOut = portOf(platform)?.fanOut;
    if (fanOut) for (const person of await fanOut.everyone()) addPerson(platform, person.userId, person.locale);
  }

  const recipients: Recipient[] = [...channels.values()];
  for (const platform of new Set([...people.values()].map((p) => p.platform))) {
    const mine = [...people.values()].filter((p) => p.platform === platform);
    const unknown = mine.filter((p) => !p.locale).map((p) => p.userId);
    const fanOut = ports.of(platform)?.fanOut;
    const known = fanOut && unknown.length > 0 ? await fanOut.locales(unknown) : new Map<string, Locale>();
    for (const person of mine) recipients.push({ platform, target: person.userId, kind: "user", locale: person.locale ?? known.get(person.userId) ?? options.fallbackLocale });
  }
  return { recipients, unknownChannels, unavailablePlatforms: [...unavailable] };
}
