import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import type { GroupBy, Period } from './measures.queries.ts';

export interface SatisfactionRow {
  dim: GroupBy;
  g: string;
  answers: number;
  top2: number;
}

/**
 * 1–5 satisfaction answers tied to interactions, per group. Returns no rows while the
 * surveys domain's tables are absent, so every dashboard works with zero answers.
 */
export async function getSatisfactionMeasures(_db: Db, _agency: AgencyRef, _p: Period, _dims: GroupBy[]): Promise<SatisfactionRow[]> {
  return [];
}

export interface StageSatisfactionRow {
  stage_id: number;
  answers: number;
  score_sum: number;
}

/** Answers and score sum per stage of the interaction answered: the emotion curve. */
export async function getSatisfactionByStage(_db: Db, _agency: AgencyRef, _p: Period): Promise<StageSatisfactionRow[]> {
  return [];
}
