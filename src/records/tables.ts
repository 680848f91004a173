/**
 * The relational schema, as Kysely sees it. Times are epoch milliseconds (bigint on PostgreSQL,
 * integer on SQLite); JSON documents are text, parsed and validated where they are read.
 */
export interface StateTable {
  key: string;
  value: string;
  version: number;
  /** Null: kept until deleted. */
  expires_at: number | null;
}

export interface AssessmentResultTable {
  /** One result per finished assessment: a retried finish writes the same id, never a second row. */
  id: string;
  platform: string;
  user_id: string;
  role_id: string;
  started_at: number;
  finished_at: number;
  /** `{ [skillId]: number | null }` */
  ratings: string;
  complete: number;
}

export interface ConversationAddressTable {
  platform: string;
  conversation_id: string;
  /** `personal` (a DM, a personal chat), `channel` or `group`. */
  kind: string;
  /** The user of a personal conversation; null for shared ones. */
  user_id: string | null;
  /** What the platform needs to post there proactively (a Teams conversation reference), as JSON. */
  reference: string;
  updated_at: number;
}

export interface AuditTable {
  /** The time, a sequence and a random UUID: sorts as written, unique across processes. */
  id: string;
  at: number;
  platform: string;
  actor_id: string;
  action: string;
  subject: string;
  /** JSON, never message text or personal data beyond the ids involved. */
  detail: string;
}

export interface JobTable {
  id: string;
  name: string;
  payload: string;
  run_at: number;
  /** waiting, running, done, failed */
  state: string;
  attempts: number;
  /** A running job whose lease passed is taken back by another worker (its process died). */
  locked_until: number | null;
  last_error: string | null;
  updated_at: number;
}

export interface SurveyTable {
  id: string;
  platform: string;
  /** The channel or chat the survey card is posted in. */
  conversation_id: string;
  creator_id: string;
  title: string;
  role_id: string;
  /** JSON array of the role's skill ids the survey asks about. */
  skill_ids: string;
  anonymous: number;
  min_responses: number;
  locale: string;
  time_zone: string;
  created_at: number;
  deadline_at: number;
  remind_at: number | null;
  /** The last reminder sent to those who have not answered, at most one a day. */
  reminded_at: number | null;
  closed_at: number | null;
  /** The posted survey card (a PostedMessage as JSON), updated with the live count. */
  card: string | null;
}

export interface SurveySecretTable {
  survey_id: string;
  secret: string;
}

export interface SurveyResponseTable {
  survey_id: string;
  /** No time is kept: an answer's time could be matched with a person's activity. */
  respondent: string;
  ratings: string;
}

export interface AnnouncementTable {
  id: string;
  author_platform: string;
  author_id: string;
  /** The validated draft (AnnouncementContent) as JSON. */
  content: string;
  /** The author's: their status card and notices speak it. */
  locale: string;
  time_zone: string;
  /** draft, scheduled, sending, done, cancelled */
  status: string;
  created_at: number;
  /** Null: as soon as confirmed. */
  send_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  /** The author's status card (a PostedMessage as JSON), updated as deliveries settle. */
  report_card: string | null;
}

export interface AnnouncementDeliveryTable {
  announcement_id: string;
  platform: string;
  /** A user id (a private message) or a conversation id (one post in a channel). */
  target: string;
  /** user, channel */
  kind: string;
  locale: string;
  /** pending, sending, sent, failed, cancelled */
  status: string;
  /** Why it failed: an OutboundFailure reason. */
  reason: string | null;
  /** 1 when a send cut short could not be checked before it was made again. */
  possibly_duplicated: number;
  attempts: number;
  /** Where it was posted (a PostedMessage as JSON). */
  message: string | null;
  updated_at: number;
}

/** Who pressed an announcement's "Acknowledge" or "I'm interested": once each. */
export interface AnnouncementAckTable {
  announcement_id: string;
  platform: string;
  user_id: string;
  at: number;
}

export interface Tables {
  state: StateTable;
  assessment_results: AssessmentResultTable;
  conversation_addresses: ConversationAddressTable;
  audit_log: AuditTable;
  jobs: JobTable;
  surveys: SurveyTable;
  survey_secrets: SurveySecretTable;
  survey_responses: SurveyResponseTable;
  announcements: AnnouncementTable;
  announcement_deliveries: AnnouncementDeliveryTable;
  announcement_acks: AnnouncementAckTable;
}
