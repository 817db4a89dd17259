import { useEffect, useState, type FormEvent } from 'react';
import { api, apiUrl } from '../../api.ts';
import { Alert, ErrorAlert } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/form.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { navigate } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { useSurveyT, type QuestionDto, type SurveyDto } from './strings.ts';

const KINDS = ['rating', 'agree', 'yes_no', 'single', 'multi', 'text', 'nps'] as const;
const COMPONENTS = ['functional', 'cultural', 'emotional'] as const;
const DRIVERS = ['', 'satisfaction', 'trust', 'effectiveness', 'ease', 'efficiency', 'equity', 'employee', 'went_well', 'went_wrong', 'comment'];

/** Survey design with a live phone-sized preview rendered by the server exactly as the public page. */
export function SurveyEditor({ survey, onSaved }: { survey?: SurveyDto; onSaved?: () => void }) {
  const { s, lang } = useSurveyT();
  const { role } = useSession();
  const bank = useApi<{ items: QuestionDto[] }>('/surveys/question-bank');
  const [draft, setDraft] = useState<SurveyDto>(() => survey ?? {
    code: '', kind: 'post_service', name_ar: '', name_en: '', status: 'draft', version: 1, services: [], questions: [],
  });
  const [services, setServices] = useState(draft.services.join(', '));
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<number | null>(null);
  const [preview, setPreview] = useState('');
  const canEdit = role === 'admin' || role === 'analyst';

  useEffect(() => {
    if (!survey && bank.data && draft.questions.length === 0) {
      const pick = (k: string) => bank.data!.items.find((q) => q.key === k)!;
      setDraft((d) => ({ ...d, questions: [pick('overall'), { ...pick('went_wrong'), show_if: { question: 'overall', op: 'lte', value: 2 } }, pick('efficiency'), pick('employee'), pick('comment')] }));
    }
  }, [bank.data, survey, draft.questions.length]);

  // Debounced server render of the preview (same HTML and CSS as the public page).
  useEffect(() => {
    if (!draft.questions.length) return;
    const timer = setTimeout(() => {
      void fetch(apiUrl('/surveys/preview', { lang }), {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-tajriba-csrf': '1' },
        body: JSON.stringify({ name: lang === 'ar' ? draft.name_ar : draft.name_en, questions: draft.questions }),
      }).then(async (r) => (r.ok ? setPreview(await r.text()) : undefined));
    }, 300);
    return () => clearTimeout(timer);
  }, [draft.questions, draft.name_ar, draft.name_en, lang]);

  const setQ = (i: number, patch: Partial<QuestionDto>) => setDraft((d) => ({ ...d, questions: d.questions.map((q, k) => (k === i ? { ...q, ...patch } : q)) }));
  const move = (i: number, by: number) => setDraft((d) => {
    const qs = [...d.questions];
    const [q] = qs.splice(i, 1);
    qs.splice(Math.max(0, Math.min(qs.length, i + by)), 0, q);
    return { ...d, questions: qs };
  });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const body = {
      code: draft.code, kind: draft.kind, name_ar: draft.name_ar, name_en: draft.name_en,
      services: services.split(/[,،\s]+/).map((x) => x.trim()).filter(Boolean), questions: draft.questions,
    };
    try {
      const out = survey
        ? await api<SurveyDto>(`/surveys/${encodeURIComponent(survey.code)}`, { method: 'PUT', body })
        : await api<SurveyDto>('/surveys', { method: 'POST', body });
      setSaved(out.version);
      if (survey) onSaved?.();
      else navigate(`/surveys/${encodeURIComponent(out.code)}?tab=design`);
    } catch (err) {
      setError(err);
    }
  };
  const setStatus = async (status: string) => {
    try {
      await api(`/surveys/${encodeURIComponent(draft.code)}/status`, { method: 'PUT', body: { status } });
      onSaved?.();
    } catch (err) {
      setError(err);
    }
  };

  const form = (
    <div className="survey-editor" style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'minmax(0, 1fr) 390px', alignItems: 'start' }}>
      <form className="stack" onSubmit={save}>
        <div className="card form-grid">
          <TextField label={s('code')} required dir="ltr" value={draft.code} disabled={!!survey} onValue={(v) => setDraft({ ...draft, code: v })} />
          <SelectField label={s('kind')} value={draft.kind} onValue={(v) => setDraft({ ...draft, kind: v as SurveyDto['kind'] })} options={(['post_service', 'periodic', 'poster'] as const).map((k) => ({ value: k, label: s(`kind.${k}`) }))} />
          <TextField label={s('nameAr')} required dir="rtl" value={draft.name_ar} onValue={(v) => setDraft({ ...draft, name_ar: v })} />
          <TextField label={s('nameEn')} required dir="ltr" value={draft.name_en} onValue={(v) => setDraft({ ...draft, name_en: v })} />
          <TextField label={s('services')} hint={s('servicesHint')} dir="ltr" value={services} onValue={setServices} />
        </div>
        <Alert kind="info">{s('versionNote')}</Alert>
        <Section title={s('questions')}>
          <div className="stack">
            {draft.questions.map((q, i) => (
              <fieldset key={`${q.key}-${i}`} className="card stack">
                <legend><b dir="ltr">{q.key}</b></legend>
                <TextField label={s('textAr')} dir="rtl" value={q.text_ar} onValue={(v) => setQ(i, { text_ar: v })} />
                <TextField label={s('textEn')} dir="ltr" value={q.text_en} onValue={(v) => setQ(i, { text_en: v })} />
                <div className="form-grid">
                  <SelectField label={s('qkind')} value={q.kind} onValue={(v) => setQ(i, { kind: v as QuestionDto['kind'] })} options={KINDS.map((k) => ({ value: k, label: s(`qk.${k}`) }))} />
                  <SelectField label={s('component')} value={q.component} onValue={(v) => setQ(i, { component: v as QuestionDto['component'] })} options={COMPONENTS.map((k) => ({ value: k, label: s(`comp.${k}`) }))} />
                  <SelectField label={s('driver')} value={q.driver ?? ''} onValue={(v) => setQ(i, { driver: v || null })} options={DRIVERS.map((k) => ({ value: k, label: k || '—' }))} />
                  <SelectField
                    label={s('showIf')}
                    value={q.show_if?.question ?? ''}
                    onValue={(v) => setQ(i, { show_if: v ? { question: v, op: 'lte', value: 2 } : null })}
                    options={[{ value: '', label: s('always') }, ...draft.questions.slice(0, i).filter((p) => ['rating', 'agree', 'nps'].includes(p.kind)).map((p) => ({ value: p.key, label: s('lte2', { q: p.key }) }))]}
                  />
                </div>
                <div className="row">
                  <label className="row"><input type="checkbox" checked={!!q.required} onChange={(e) => setQ(i, { required: e.target.checked })} /> {s('required')}</label>
                  <button type="button" className="btn btn-small btn-secondary" onClick={() => move(i, -1)} disabled={i === 0}>{s('up')}</button>
                  <button type="button" className="btn btn-small btn-secondary" onClick={() => move(i, 1)} disabled={i === draft.questions.length - 1}>{s('down')}</button>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => setDraft({ ...draft, questions: draft.questions.filter((_, k) => k !== i) })}>{s('remove')}</button>
                </div>
              </fieldset>
            ))}
            <SelectField
              label={s('addFromBank')}
              value=""
              onValue={(k) => {
                const q = bank.data?.items.find((x) => x.key === k);
                if (q && !draft.questions.some((x) => x.key === k)) setDraft({ ...draft, questions: [...draft.questions, q] });
              }}
              options={[{ value: '', label: '—' }, ...(bank.data?.items ?? []).map((q) => ({ value: q.key, label: lang === 'ar' ? q.text_ar : q.text_en }))]}
            />
          </div>
        </Section>
        <ErrorAlert error={error} />
        {saved !== null && <Alert kind="success">{s('saved', { v: saved })}</Alert>}
        {canEdit && (
          <div className="row">
            <button type="submit" className="btn btn-primary">{s('save')}</button>
            {survey && survey.status !== 'active' && <button type="button" className="btn btn-secondary" onClick={() => void setStatus('active')}>{s('activate')}</button>}
            {survey && survey.status === 'active' && <button type="button" className="btn btn-secondary" onClick={() => void setStatus('draft')}>{s('pause')}</button>}
            {survey && survey.status !== 'archived' && <button type="button" className="btn btn-danger" onClick={() => void setStatus('archived')}>{s('archive')}</button>}
          </div>
        )}
      </form>
      <aside aria-label={s('preview')} style={{ position: 'sticky', top: '1rem' }}>
        <h2>{s('preview')}</h2>
        <iframe title={s('preview')} srcDoc={preview} sandbox="" style={{ width: 375, height: 720, border: '10px solid #1b1f24', borderRadius: 28, background: '#fff' }} />
      </aside>
    </div>
  );
  return survey ? form : <Page title={s('newSurvey')}>{form}</Page>;
}
