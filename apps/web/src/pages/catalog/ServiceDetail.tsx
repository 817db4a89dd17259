import { Page } from '../../components/Page.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { ItemsEditor, type ItemField } from './ItemsEditor.tsx';
import type { CatalogRecord } from './kinds.ts';

// Stages and reasons are both named by a code and the two names.
const CODE_AND_NAMES: ItemField[] = [
  { name: 'code', labelKey: 'catalog.field.code', dir: 'ltr' },
  { name: 'name_ar', labelKey: 'catalog.field.nameAr', dir: 'rtl' },
  { name: 'name_en', labelKey: 'catalog.field.nameEn', dir: 'ltr' },
];

/** One service's journey (ordered stages) and its visit reasons with the prescribed action. */
export function ServiceDetail({ code }: { code: string }) {
  const { t, name } = usePrefs();
  const { role } = useSession();
  // The API has no single-record GET; the list is small and gives the names.
  const services = useApi<{ items: CatalogRecord[] }>('/catalog/services');
  const service = services.data?.items.find((s) => s.code === code);
  const base = `/catalog/services/${encodeURIComponent(code)}`;
  const title = service ? `${name(service)} (${code})` : code;
  return (
    <Page title={title} description={t('catalog.serviceDetail')} actions={<Link href="/catalog/services" className="btn btn-secondary">{t('catalog.backToServices')}</Link>}>
      <ItemsEditor
        title={t('catalog.stages')}
        path={`${base}/stages`}
        ordered
        readOnly={role !== 'admin'}
        emptyKey="catalog.noStages"
        fields={CODE_AND_NAMES}
      />
      <ItemsEditor
        title={t('catalog.reasons')}
        path={`${base}/reasons`}
        readOnly={role !== 'admin'}
        emptyKey="catalog.noReasons"
        fields={[
          ...CODE_AND_NAMES,
          { name: 'action_ar', labelKey: 'catalog.field.actionAr', dir: 'rtl', wide: true },
          { name: 'action_en', labelKey: 'catalog.field.actionEn', dir: 'ltr', wide: true },
        ]}
      />
    </Page>
  );
}
