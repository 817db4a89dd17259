import type { Question, ShowIf } from '@tajriba/contracts';
import { AppError } from '../../http/errors.ts';
import './surveys.messages.ts';

// Pure survey rules: validation, paging and server-side skip logic (works with JS off).

const SCORED = new Set(['rating', 'agree', 'nps']);
export const isScale5 = (q: Question) => q.kind === 'rating' || q.kind === 'agree';

/** Refuses duplicate keys, choice questions without options and conditions on later/unscored questions. */
export function validateQuestions(questions: Question[]) {
  const seen = new Map<string, Question>();
  questions.forEach((q, i) => {
    const field = `questions.${i}`;
    if (seen.has(q.key)) throw new AppError('duplicate_key', 400, 'surveys_duplicate_key', { field, params: { key: q.key } });
    if ((q.kind === 'single' || q.kind === 'multi') && (q.options?.length ?? 0) < 2) {
      throw new AppError('options_required', 400, 'surveys_options_required', { field, params: { key: q.key } });
    }
    const cond = q.show_if;
    if (cond && !(seen.has(cond.question) && SCORED.has(seen.get(cond.question)!.kind))) {
      throw new AppError('show_if_invalid', 400, 'surveys_show_if_invalid', { field: `${field}.show_if`, params: { key: q.key } });
    }
    seen.set(q.key, q);
  });
}

/**
 * Pages for the no-JS form: a question starts a new page when its condition refers to a
 * question on the current page, so the condition is known when the page is drawn.
 */
export function paginate(questions: Question[]): Question[][] {
  const pages: Question[][] = [];
  let page: Question[] = [];
  for (const q of questions) {
    if (q.show_if && page.some((p) => p.key === q.show_if!.question)) {
      pages.push(page);
      page = [];
    }
    page.push(q);
  }
  if (page.length) pages.push(page);
  return pages;
}

export type AnswerValue = number | string | string[] | null;
export type Answers = Record<string, AnswerValue>;

export function conditionHolds(cond: ShowIf, answers: Answers): boolean {
  const v = answers[cond.question];
  if (typeof v !== 'number') return false; // unanswered: the follow-up is not asked
  if (cond.op === 'lte') return v <= cond.value;
  if (cond.op === 'gte') return v >= cond.value;
  return v === cond.value;
}

export const isVisible = (q: Question, answers: Answers) => !q.show_if || conditionHolds(q.show_if, answers);

/** Index of the first page at or after `from` with a visible question; pages.length when done. */
export function nextVisiblePage(pages: Question[][], from: number, answers: Answers): number {
  let p = from;
  while (p < pages.length && !pages[p].some((q) => isVisible(q, answers))) p++;
  return p;
}

/**
 * Whether saving page `i` needs answers stored from other pages: a condition on the page, or
 * on the pages that decide where to go next, refers to a question that is not on page `i`.
 */
export function pageNeedsOtherAnswers(pages: Question[][], i: number): boolean {
  const here = new Set(pages[i].map((q) => q.key));
  const elsewhere = (q: Question) => !!q.show_if && !here.has(q.show_if.question);
  if (pages[i].some(elsewhere)) return true;
  for (let p = i + 1; p < pages.length; p++) {
    if (pages[p].some((q) => !q.show_if)) return false; // this page shows whatever was answered
    if (pages[p].some(elsewhere)) return true;
  }
  return false;
}

/**
 * Reads a question's answer from form fields (all strings). Returns undefined when left empty,
 * or throws when the value is not one the question offers (a tampered form).
 */
export function parseAnswer(q: Question, raw: string | string[] | undefined): AnswerValue | undefined {
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter((v) => v !== '');
  if (values.length === 0) return undefined;
  const bad = () => new AppError('invalid_answer', 400, 'surveys_invalid_answer', { field: q.key, params: { key: q.key } });
  const one = values[0];
  switch (q.kind) {
    case 'rating':
    case 'agree':
    case 'nps': {
      const n = Number(one);
      const max = q.kind === 'nps' ? 10 : 5;
      const min = q.kind === 'nps' ? 0 : 1;
      if (!Number.isInteger(n) || n < min || n > max) throw bad();
      return n;
    }
    case 'yes_no':
      if (one !== 'yes' && one !== 'no') throw bad();
      return one;
    case 'single':
      if (!q.options!.some((o) => o.value === one)) throw bad();
      return one;
    case 'multi': {
      const allowed = new Set(q.options!.map((o) => o.value));
      if (values.some((v) => !allowed.has(v))) throw bad();
      return [...new Set(values)];
    }
    case 'text':
      return one.slice(0, 2000);
  }
}
