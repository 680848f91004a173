/** A person or bot as users.list lists them; flags left out are false. https://docs.slack.dev/reference/methods/users.list */
export interface FakeUser {
  id: string;
  name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  /** A guest (multi-channel); is_ultra_restricted for a single-channel one. */
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
}

/** A channel as conversations.list lists it. */
export interface FakeChannel {
  id: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
}

/** Slack's cursors are opaque; this one is a position in the list. */
const cursorAt = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64");
const offsetOf = (cursor: unknown) => (typeof cursor === "string" && cursor ? Number(Buffer.from(cursor, "base64").toString().slice("offset:".length)) || 0 : 0);

/** A boolean argument, which the Web API client sends form-encoded as "true" or "false". */
export const flag = (value: unknown) => value === true || value === "true";

/**
 * One page of a cursor-paged method: `limit` items from the cursor, at most `most`; without a
 * limit, `byDefault` of them.
 */
export function page<T>(items: readonly T[], args: Record<string, any>, byDefault: number, most: number): { page: T[]; response_metadata: { next_cursor: string } } {
  const limit = Math.min(Number(args.limit) || byDefault, most);
  const from = offsetOf(args.cursor);
  const next = from + limit < items.length ? cursorAt(from + limit) : "";
  return { page: items.slice(from, from + limit), response_metadata: { next_cursor: next } };
}

/**
 * The workspace's people, user groups and channels, and the listings Slack gives of them. Like a
 * real workspace, it starts with Slackbot (whom users.list does not call a bot) and the app's own bot user.
 */
export class FakeWorkspace {
  readonly users = new Map<string, FakeUser>();
  /** usergroups.users.list answers: a user group's (S…) members. */
  readonly userGroups = new Map<string, string[]>();
  readonly channels = new Map<string, FakeChannel>();

  constructor(
    botUser: string,
    /** users.info's and users.list's `locale` of a user ("fr-FR"); unknown users are en-US. */
    private readonly locales: ReadonlyMap<string, string>,
  ) {
    this.addUsers({ id: "USLACKBOT", name: "slackbot" }, { id: botUser, name: "parcours", is_bot: true });
  }

  addUsers(...users: FakeUser[]): void {
    for (const user of users) this.users.set(user.id, user);
  }

  addChannels(...channels: FakeChannel[]): void {
    for (const channel of channels) this.channels.set(channel.id, channel);
  }

  /** The answer to one of the listing methods, or undefined for another method. */
  answer(method: string, args: Record<string, any>): Record<string, unknown> | undefined {
    switch (method) {
      case "users.list": {
        // Without a limit Slack tries to answer everyone at once. https://docs.slack.dev/reference/methods/users.list
        const { page: members, response_metadata } = page([...this.users.values()], args, Number.POSITIVE_INFINITY, 1000);
        const withLocale = flag(args.include_locale);
        return { ok: true, members: members.map((user) => ({ deleted: false, is_bot: false, is_app_user: false, ...user, ...(withLocale ? { locale: this.locales.get(user.id) ?? "en-US" } : {}) })), response_metadata };
      }
      case "usergroups.users.list": {
        const users = this.userGroups.get(args.usergroup);
        return users ? { ok: true, users } : { ok: false, error: "no_such_subteam" };
      }
      case "conversations.list": {
        const types = String(args.types ?? "public_channel").split(",");
        const listed = [...this.channels.values()].filter((c) => types.includes(c.is_private ? "private_channel" : "public_channel") && !(flag(args.exclude_archived) && c.is_archived));
        // A default page of 100, at most 1,000. https://docs.slack.dev/reference/methods/conversations.list
        const { page: channels, response_metadata } = page(listed, args, 100, 1000);
        return { ok: true, channels: channels.map((c) => ({ is_channel: !c.is_private, is_private: false, is_archived: false, ...c })), response_metadata };
      }
      default:
        return undefined;
    }
  }
}
