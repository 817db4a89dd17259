import { useState } from 'react';
import { apiUrl } from '../../api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { SelectField } from '../../components/form.tsx';
import { currentHijriMonth, PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { useAgencyTimeZone } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { useSurveyT, type SurveyDto } from './strings.ts';

interface AnswerRow {
  response_id: number; completed_at: string | null; version: number; locale: string; service: string | null; branch: string | null;
  channel: string | null; source: string; answers: Record<string, number | string | string[] | null>;
}

/** Completed responses with filters; free text is rendered by React (escaped), never as HTML. */
export function SurveyAnswers({ survey }: { survey: SurveyDto }) {
  const { s, lang } = useSurveyT();
  const zone = useAgencyTimeZone();
  const [period, setPeriod] = useState<Period>(() => currentHijriMonth(zone));
  const [maxScore, setMaxScore] = useState('');
  const [comment, setComment] = useState('');
  const query = { from: period.from, to: period.to, limit: 500, ...(maxScore ? { max_score: maxScore } : {}), ...(comment ? { has_comment: comment } : {}) };
  const list = useApi<{ items: AnswerRow[] }>(`/surveys/${encodeURIComponent(survey.code)}/answers`, { query });
  const show = (v: AnswerRow['answers'][string]) => (Array.isArray(v) ? v.join('، ') : v ?? '');
  return (
    <div className="stack">
      <div className="row">
        <PeriodPicker value={period} onChange={setPeriod} />
        <SelectField label={s('maxScore')} value={maxScore} onValue={setMaxScore} options={[{ value: '', label: s('any') }, ...[1, 2, 3, 4].map((n) => ({ value: String(n), label: String(n) }))]} />
        <SelectField label={s('comment')} value={comment} onValue={setComment} options={[{ value: '', label: s('any') }, { value: 'true', label: s('withComment') }]} />
        <a className="btn btn-secondary" href={apiUrl(`/surveys/${encodeURIComponent(survey.code)}/answers`, { ...query, format: 'csv' })} download>{s('exportCsv')}</a>
      </div>
      <ErrorAlert error={list.error} />
      <DataTable<AnswerRow>
        caption={s('tabAnswers')}
        rows={list.data?.items ?? []}
        rowKey={(r) => r.response_id}
        exportName={`survey-${survey.code}-answers`}
        columns={[
          { key: 'at', header: s('completedAt'), value: (r) => r.completed_at, kind: 'datetime' },
          { key: 'service', header: s('by.service'), value: (r) => r.service },
          { key: 'branch', header: s('by.branch'), value: (r) => r.branch },
          { key: 'channel', header: s('by.channel'), value: (r) => r.channel },
          ...survey.questions.map((q) => ({
            key: `q_${q.key}`, header: lang === 'ar' ? q.text_ar : q.text_en,
            value: (r: AnswerRow) => show(r.answers[q.key]),
            kind: (q.kind === 'rating' || q.kind === 'agree' || q.kind === 'nps' ? 'number' : 'text') as 'number' | 'text',
          })),
        ]}
      />
    </div>
  );
}
