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
  /** A random UUID: portable, and sortable by `at`. */
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

export interface Tables {
  state: StateTable;
  assessment_results: AssessmentResultTable;
  conversation_addresses: ConversationAddressTable;
  audit_log: AuditTable;
  jobs: JobTable;
  surveys: SurveyTable;
  survey_secrets: SurveySecretTable;
  survey_responses: SurveyResponseTable;
}
