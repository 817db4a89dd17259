import { useMemo, useState } from 'react';
import type { TopicRule } from '@tajriba/contracts';
import { api } from '../../api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { EChart } from '../../components/EChart.tsx';
import { Alert, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { KpiCard } from '../../components/KpiCard.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { currentHijriMonth, PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { stringsIn } from '../../i18n/page-strings.ts';
import { useAgencyTimeZone } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { TEXT_STRINGS, type TextKey } from './text-messages.ts';
import './text.css';

type Rate = { rate: number | null; n: number };
type Shares = { positive: Rate; negative: Rate; neutral: Rate };
interface Trend { total: { n: number; shares: Shares }; items: { period: string; n: number; suppressed: boolean; shares: Shares | null }[] }
interface TopicGroup {
  code: string; name_ar: string; name_en: string; n: number; suppressed: boolean;
  topics: { topic: string; name_ar: string; name_en: string; count: number; share: Rate; examples: { id: number; text: string }[] }[];
}
interface FeedbackRow { id: number; kind: string; text: string; occurred_at: string; service: string | null; branch: string | null; status: string; sentiment: string | null; topics: string[] }
interface Cluster { cluster: number; size: number; top_phrases: string[]; examples: { id: number; text: string }[] }

function useTx() {
  const prefs = usePrefs();
  return { ...prefs, tx: stringsIn(TEXT_STRINGS, prefs.lang) };
}

/** /text: sentiment trend, top negative topics per service/branch, the feedback list and topic discovery. */
export default function TextPage() {
  const { tx, pct } = useTx();
  const zone = useAgencyTimeZone();
  const [period, setPeriod] = useState<Period>(() => currentHijriMonth(zone));
  const range = { from: period.from, to: period.to };
  const trend = useApi<Trend>('/text/trend', { query: { ...range, grain: 'week' } });
  const topics = useApi<{ items: TopicRule[] }>('/text/topics');
  const t = trend.data?.total;
  return (
    <Page title={tx('title')} description={tx('description')}>
      <div className="row filters">
        <PeriodPicker value={period} onChange={setPeriod} label={tx('period')} />
      </div>
      {trend.error ? <ErrorAlert error={trend.error} /> : null}
      {trend.loading && !trend.data ? <Loading /> : null}
      {t && (
        <div className="kpi-grid">
          <KpiCard label={tx('total')} value={t.n} n={t.n} format="number" />
          <KpiCard label={tx('negativeShare')} value={t.shares.negative.rate} n={t.n} format="percent" better="lower" />
          <KpiCard label={tx('positiveShare')} value={t.shares.positive.rate} n={t.n} format="percent" />
          <KpiCard label={tx('neutralShare')} value={t.shares.neutral.rate} n={t.n} format="percent" formatValue={(v) => pct(v)} />
        </div>
      )}
      {trend.data && <TrendChart trend={trend.data} />}
      <NegativeTopics range={range} />
      <FeedbackList range={range} topics={topics.data?.items ?? []} />
      <Discovery range={range} onCreated={topics.reload} />
    </Page>
  );
}

function TrendChart({ trend }: { trend: Trend }) {
  const { tx, pct } = useTx();
  const option = useMemo(() => ({
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => (v === null || v === undefined ? tx('suppressed') : pct(v as number)) },
    xAxis: { type: 'category' as const, data: trend.items.map((i) => `${i.period} (n=${i.n})`) },
    yAxis: { type: 'value' as const, min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series: (['negative', 'positive', 'neutral'] as const).map((s) => ({
      // Stacked bars: shares of one week add up to 100 %, and a single week still shows.
      type: 'bar' as const, stack: 'share', name: tx(s), data: trend.items.map((i) => i.shares?.[s].rate ?? null),
      color: s === 'negative' ? '#9b2c2c' : s === 'positive' ? '#0b6e4f' : '#4a5568',
    })),
  }), [trend, tx, pct]);
  return (
    <Section title={tx('trend')}>
      <EChart option={option} ariaLabel={tx('trendChart')} height={300} />
    </Section>
  );
}

type Row = { key: string; group: string; n: number; suppressed: boolean; topic: string; count: number | null; share: number | null; examples: string[] };

function NegativeTopics({ range }: { range: { from: string; to: string } }) {
  const { tx, lang } = useTx();
  const [by, setBy] = useState<'service' | 'branch'>('branch');
  const res = useApi<{ items: TopicGroup[] }>('/text/negative-topics', { query: { ...range, by } });
  const rows: Row[] = (res.data?.items ?? []).flatMap((g): Row[] => {
    const group = lang === 'ar' ? g.name_ar : g.name_en;
    if (g.suppressed || !g.topics.length) return [{ key: g.code, group, n: g.n, suppressed: g.suppressed, topic: g.suppressed ? tx('suppressed') : '—', count: null, share: null, examples: [] }];
    return g.topics.map((t) => ({
      key: `${g.code}:${t.topic}`, group, n: g.n, suppressed: false, topic: lang === 'ar' ? t.name_ar : t.name_en,
      count: t.count, share: t.share.rate, examples: t.examples.map((e) => e.text),
    }));
  });
  return (
    <Section
      title={tx('topNegative')}
      actions={
        <select aria-label={tx('group')} value={by} onChange={(e) => setBy(e.target.value as 'service' | 'branch')}>
          <option value="branch">{tx('byBranch')}</option>
          <option value="service">{tx('byService')}</option>
        </select>
      }
    >
      {res.error ? <ErrorAlert error={res.error} /> : null}
      <DataTable
        caption={tx('topNegative')} rows={rows} rowKey={(r) => r.key} emptyText={tx('none')} exportName={`negative-topics-${by}`}
        columns={[
          { key: 'group', header: tx('group'), value: (r) => r.group },
          { key: 'n', header: tx('n'), value: (r) => r.n, kind: 'number' },
          { key: 'topic', header: tx('topic'), value: (r) => r.topic },
          { key: 'count', header: tx('count'), value: (r) => r.count, kind: 'number' },
          { key: 'share', header: tx('share'), value: (r) => r.share, kind: 'percent' },
          // Rendered as React text nodes: beneficiaries' words are never parsed as markup.
          { key: 'examples', header: tx('examples'), value: (r) => r.examples.join(' | '), render: (r) => <ul className="examples">{r.examples.map((e, i) => <li key={i}>{e}</li>)}</ul>, sortable: false },
        ]}
      />
    </Section>
  );
}

function FeedbackList({ range, topics }: { range: { from: string; to: string }; topics: TopicRule[] }) {
  const { tx, lang } = useTx();
  const [topic, setTopic] = useState('');
  const [sentiment, setSentiment] = useState('');
  const [q, setQ] = useState('');
  const query = { ...range, limit: 25, ...(topic ? { topic } : {}), ...(sentiment ? { sentiment } : {}), ...(q.trim() ? { q: q.trim() } : {}) };
  const res = useApi<{ items: FeedbackRow[] }>('/feedback', { query });
  const topicName = (code: string) => {
    const t = topics.find((x) => x.code === code);
    return t ? (lang === 'ar' ? t.name_ar : t.name_en) : code;
  };
  return (
    <Section title={tx('feedback')}>
      <div className="row filters">
        <input type="search" aria-label={tx('search')} placeholder={tx('search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <select aria-label={tx('topic')} value={topic} onChange={(e) => setTopic(e.target.value)}>
          <option value="">{tx('allTopics')}</option>
          {topics.map((t) => <option key={t.code} value={t.code}>{lang === 'ar' ? t.name_ar : t.name_en}</option>)}
        </select>
        <select aria-label={tx('sentiment')} value={sentiment} onChange={(e) => setSentiment(e.target.value)}>
          <option value="">{tx('allSentiments')}</option>
          {(['negative', 'positive', 'neutral'] as const).map((s) => <option key={s} value={s}>{tx(s)}</option>)}
        </select>
      </div>
      {res.error ? <ErrorAlert error={res.error} /> : null}
      <DataTable
        caption={tx('feedback')} rows={res.data?.items ?? []} rowKey={(r) => r.id} emptyText={tx('none')} exportName="feedback"
        columns={[
          { key: 'date', header: tx('date'), value: (r) => r.occurred_at, kind: 'datetime' },
          { key: 'kind', header: tx('kind'), value: (r) => tx(r.kind as TextKey) },
          { key: 'text', header: tx('text'), value: (r) => r.text },
          { key: 'sentiment', header: tx('sentiment'), value: (r) => (r.sentiment ? tx(r.sentiment as TextKey) : tx('pending')) },
          { key: 'topics', header: tx('topics'), value: (r) => r.topics.map(topicName).join('، ') },
          { key: 'service', header: tx('service'), value: (r) => r.service ?? '' },
          { key: 'branch', header: tx('branch'), value: (r) => r.branch ?? '' },
        ]}
      />
    </Section>
  );
}

function Discovery({ range, onCreated }: { range: { from: string; to: string }; onCreated: () => void }) {
  const { tx } = useTx();
  const res = useApi<{ n: number; clusters: Cluster[] }>('/text/discover', { query: { ...range, k: 4 } });
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const makeTopic = async (c: Cluster) => {
    const name = c.top_phrases.slice(0, 2).join(' / ');
    const code = window.prompt(tx('topicCode'), `topic_${c.cluster}`);
    if (!code) return;
    try {
      await api('/text/topics/from-cluster', { method: 'POST', body: { code, name_ar: name, name_en: name, phrases: c.top_phrases.slice(0, 5) } });
      setDone(tx('created'));
      onCreated();
      res.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Section title={tx('discovery')}>
      <p className="muted">{tx('discoveryHint')}</p>
      {done ? <Alert kind="success">{done}</Alert> : null}
      {error ? <ErrorAlert error={error} /> : null}
      {res.error ? <ErrorAlert error={res.error} /> : null}
      <div className="cluster-grid">
        {(res.data?.clusters ?? []).map((c) => (
          <article key={c.cluster} className="card cluster" aria-label={`${tx('phrases')} ${c.cluster}`}>
            <h3>{c.top_phrases.slice(0, 4).join('، ')}</h3>
            <p className="muted">{tx('size')}: {c.size}</p>
            <ul className="examples">{c.examples.slice(0, 3).map((e) => <li key={e.id}>{e.text}</li>)}</ul>
            <button type="button" onClick={() => void makeTopic(c)}>{tx('makeTopic')}</button>
          </article>
        ))}
      </div>
    </Section>
  );
}
