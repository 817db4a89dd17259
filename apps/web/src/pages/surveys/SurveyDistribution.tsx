import { useState, type FormEvent } from 'react';
import { api, apiUrl } from '../../api.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Alert, ErrorAlert } from '../../components/feedback.tsx';
import { TextField } from '../../components/form.tsx';
import { Section } from '../../components/Page.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { useSurveyT, type SurveyDto } from './strings.ts';

interface PosterRow { id: number; service: string | null; branch: string | null; url: string; svg_url: string; print_url: string; pdf_url: string }
interface CampaignRow { id: number; name: string; lookback_days: number; sample_size: number; every_days: number | null; next_run_at: string | null; last_run_at: string | null; last_invited: number }
interface OutboxRow { id: number; kind: string; to_masked: string; body: string; created_at: string }
interface WebhookRow { id: number; url: string; created_at: string }

const stripApi = (u: string) => u.replace(/^\/api\/v1/, '');

/** QR posters, periodic campaigns, a test invitation and webhooks of one survey. */
export function SurveyDistribution({ survey }: { survey: SurveyDto }) {
  const { s } = useSurveyT();
  const { role } = useSession();
  const base = `/surveys/${encodeURIComponent(survey.code)}`;
  const posters = useApi<{ items: PosterRow[] }>(`${base}/posters`);
  const campaigns = useApi<{ items: CampaignRow[] }>(`${base}/campaigns`);
  const [branch, setBranch] = useState('');
  const [camp, setCamp] = useState({ name: '', lookback: '90', sample: '1000', every: '90' });
  const [phone, setPhone] = useState('');
  const [link, setLink] = useState('');
  const [error, setError] = useState<unknown>();
  const run = (fn: () => Promise<unknown>) => async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="stack">
      <ErrorAlert error={error ?? posters.error ?? campaigns.error} />
      <Section title={s('posters')}>
        <p>{s('posterNote')}</p>
        <form className="row" onSubmit={run(async () => { await api(`${base}/posters`, { method: 'POST', body: { branch: branch || null, service: null } }); posters.reload(); })}>
          <TextField label={s('branch')} dir="ltr" value={branch} onValue={setBranch} />
          <button type="submit" className="btn btn-primary">{s('createPoster')}</button>
        </form>
        <DataTable<PosterRow>
          caption={s('posters')} rows={posters.data?.items ?? []} rowKey={(p) => p.id} exportName={false}
          columns={[
            { key: 'branch', header: s('branch'), value: (p) => p.branch ?? '—' },
            { key: 'url', header: s('link'), value: (p) => p.url, render: (p) => <a href={p.url} dir="ltr" target="_blank" rel="noreferrer">{p.url.slice(0, 48)}…</a> },
            { key: 'files', header: '', exportable: false, sortable: false, value: () => '', render: (p) => (
              <span className="row row-tight">
                <a className="btn btn-small btn-secondary" href={apiUrl(stripApi(p.svg_url))} download={`poster-${p.id}.svg`}>{s('svg')}</a>
                <a className="btn btn-small btn-secondary" href={apiUrl(stripApi(p.print_url))} target="_blank" rel="noreferrer">{s('print')}</a>
                <a className="btn btn-small btn-secondary" href={apiUrl(stripApi(p.pdf_url))} target="_blank" rel="noreferrer">{s('pdf')}</a>
              </span>
            ) },
          ]}
        />
      </Section>
      <Section title={s('campaigns')}>
        <form className="form-grid" onSubmit={run(async () => {
          await api(`${base}/campaigns`, { method: 'POST', body: { name: camp.name, lookback_days: Number(camp.lookback), sample_size: Number(camp.sample), every_days: camp.every ? Number(camp.every) : null } });
          campaigns.reload();
        })}>
          <TextField label={s('campaignName')} required value={camp.name} onValue={(v) => setCamp({ ...camp, name: v })} />
          <TextField label={s('lookback')} type="number" min={1} max={365} value={camp.lookback} onValue={(v) => setCamp({ ...camp, lookback: v })} />
          <TextField label={s('sample')} type="number" min={1} value={camp.sample} onValue={(v) => setCamp({ ...camp, sample: v })} />
          <TextField label={s('every')} type="number" min={1} max={365} value={camp.every} onValue={(v) => setCamp({ ...camp, every: v })} />
          <div className="row"><button type="submit" className="btn btn-primary">{s('createCampaign')}</button></div>
        </form>
        <DataTable<CampaignRow>
          caption={s('campaigns')} rows={campaigns.data?.items ?? []} rowKey={(c) => c.id} exportName={false}
          columns={[
            { key: 'name', header: s('campaignName'), value: (c) => c.name },
            { key: 'sample', header: s('sample'), value: (c) => c.sample_size, kind: 'number' },
            { key: 'every', header: s('every'), value: (c) => c.every_days, kind: 'number' },
            { key: 'next', header: s('nextRun'), value: (c) => c.next_run_at, kind: 'datetime' },
            { key: 'last', header: s('lastRun'), value: (c) => c.last_run_at, kind: 'datetime' },
            { key: 'invited', header: s('lastInvited'), value: (c) => c.last_invited, kind: 'number' },
          ]}
        />
      </Section>
      <Section title={s('inviteTest')}>
        <form className="row" onSubmit={run(async () => {
          const r = await api<{ url: string; suppressed: string | null }>(`${base}/invitations`, { method: 'POST', body: { phone } });
          setLink(r.url || r.suppressed || '');
        })}>
          <TextField label={s('phone')} dir="ltr" required value={phone} onValue={setPhone} />
          <button type="submit" className="btn btn-primary">{s('invite')}</button>
        </form>
        {link && <Alert kind="info"><span className="row"><code dir="ltr">{link}</code><CopyButton text={link} /></span></Alert>}
      </Section>
      {role === 'admin' && <WebhooksSection />}
    </div>
  );
}

function WebhooksSection() {
  const { s } = useSurveyT();
  const hooks = useApi<{ items: WebhookRow[] }>('/surveys/webhooks');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>();
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setSecret((await api<{ secret: string }>('/surveys/webhooks', { method: 'POST', body: { url } })).secret);
      setUrl('');
      hooks.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={s('webhooks')}>
      <p>{s('webhookNote')}</p>
      <form className="row" onSubmit={add}>
        <TextField label="URL" dir="ltr" type="url" required value={url} onValue={setUrl} />
        <button type="submit" className="btn btn-primary">{s('addWebhook')}</button>
      </form>
      <ErrorAlert error={error ?? hooks.error} />
      {secret && <Alert kind="success"><span className="row">{s('secretOnce')} <code dir="ltr">{secret}</code><CopyButton text={secret} /></span></Alert>}
      <DataTable<WebhookRow>
        caption={s('webhooks')} rows={hooks.data?.items ?? []} rowKey={(w) => w.id} exportName={false}
        columns={[
          { key: 'url', header: 'URL', value: (w) => w.url },
          { key: 'at', header: s('sentAt'), value: (w) => w.created_at, kind: 'datetime' },
          { key: 'del', header: '', exportable: false, sortable: false, value: () => '', render: (w) => (
            <button type="button" className="btn btn-small btn-danger" onClick={() => void api(`/surveys/webhooks/${w.id}`, { method: 'DELETE' }).then(hooks.reload, setError)}>{s('remove')}</button>
          ) },
        ]}
      />
    </Section>
  );
}

/** Messages the outbox provider holds (SMS/email when no gateway is configured). */
export function OutboxSection() {
  const { s } = useSurveyT();
  const list = useApi<{ items: OutboxRow[] }>('/surveys/outbox');
  return (
    <Section title={s('outbox')}>
      <ErrorAlert error={list.error} />
      <DataTable<OutboxRow>
        caption={s('outbox')} rows={list.data?.items ?? []} rowKey={(m) => m.id} exportName="outbox"
        columns={[
          { key: 'at', header: s('sentAt'), value: (m) => m.created_at, kind: 'datetime' },
          { key: 'kind', header: s('kind'), value: (m) => m.kind },
          { key: 'to', header: s('to'), value: (m) => m.to_masked, render: (m) => <span dir="ltr">{m.to_masked}</span> },
          { key: 'body', header: s('message'), value: (m) => m.body },
        ]}
      />
    </Section>
  );
}
