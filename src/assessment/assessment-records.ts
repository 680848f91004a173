import type { Store } from "../store/store.js";
import type { ActiveAssessment, AssessmentResult } from "./assessment.js";

/** Who an assessment belongs to: a user on one platform, wherever they answer from. */
export interface AssessmentOwner {
  platform: string;
  userId: string;
}

/** Enough history to show progress; older results are dropped first. */
const MAX_RESULTS = 20;

const activeKey = (o: AssessmentOwner) => `assessment:active:${o.platform}:${o.userId}`;
const resultsKey = (o: AssessmentOwner) => `assessment:results:${o.platform}:${o.userId}`;

/**
 * A user's assessments in the store: the one in progress (forgotten after the idle time, which
 * every answer renews) and the finished results, which stay until the user deletes them.
 */
export class AssessmentRecords {
  constructor(
    private readonly store: Store,
    private readonly idleMs: number,
  ) {}

  active(owner: AssessmentOwner): Promise<ActiveAssessment | undefined> {
    return this.store.get<ActiveAssessment>(activeKey(owner));
  }

  saveActive(owner: AssessmentOwner, assessment: ActiveAssessment): Promise<void> {
    return this.store.set(activeKey(owner), assessment, this.idleMs);
  }

  async clearActive(owner: AssessmentOwner): Promise<void> {
    await this.store.delete(activeKey(owner));
  }

  async results(owner: AssessmentOwner): Promise<AssessmentResult[]> {
    return (await this.store.get<AssessmentResult[]>(resultsKey(owner))) ?? [];
  }

  async addResult(owner: AssessmentOwner, result: AssessmentResult): Promise<void> {
    const results = [...(await this.results(owner)), result].slice(-MAX_RESULTS);
    await this.store.set(resultsKey(owner), results);
  }

  /** Everything assessment-related the store holds about this user. */
  async deleteAll(owner: AssessmentOwner): Promise<void> {
    await Promise.all([this.store.delete(activeKey(owner)), this.store.delete(resultsKey(owner))]);
  }
}
