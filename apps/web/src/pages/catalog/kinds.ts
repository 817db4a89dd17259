import type { CatalogKind } from '@tajriba/contracts';
import type { MessageKey } from '../../i18n/index.tsx';

export type CatalogRecord = Record<string, string | number | null> & { code: string; name_ar: string; name_en: string };

export interface FieldDef {
  name: string;
  labelKey: MessageKey;
  required?: boolean;
  /** Text direction of the input: codes and English names are LTR whatever the UI language. */
  dir?: 'ltr' | 'rtl' | 'auto';
  /** A fixed option list (value → label key) or 'providers' for the agency's providers. */
  options?: { value: string; labelKey: MessageKey }[] | 'providers';
  /** Shown as a column in the list. */
  inList?: boolean;
  textarea?: boolean;
}

const code: FieldDef = { name: 'code', labelKey: 'catalog.field.code', required: true, dir: 'ltr', inList: true };
const nameAr: FieldDef = { name: 'name_ar', labelKey: 'catalog.field.nameAr', required: true, dir: 'rtl', inList: true };
const nameEn: FieldDef = { name: 'name_en', labelKey: 'catalog.field.nameEn', required: true, dir: 'ltr', inList: true };

export interface KindDef {
  labelKey: MessageKey;
  singularKey: MessageKey;
  fields: FieldDef[];
}

export const KINDS: Record<CatalogKind, KindDef> = {
  branches: {
    labelKey: 'catalog.kind.branches',
    singularKey: 'catalog.one.branches',
    fields: [code, nameAr, nameEn, { name: 'city', labelKey: 'catalog.field.city', inList: true, dir: 'auto' }, { name: 'region', labelKey: 'catalog.field.region', inList: true, dir: 'auto' }],
  },
  channels: {
    labelKey: 'catalog.kind.channels',
    singularKey: 'catalog.one.channels',
    fields: [
      code,
      nameAr,
      nameEn,
      {
        name: 'category',
        labelKey: 'catalog.field.category',
        required: true,
        inList: true,
        options: [
          { value: 'traditional', labelKey: 'catalog.category.traditional' },
          { value: 'voice', labelKey: 'catalog.category.voice' },
          { value: 'digital', labelKey: 'catalog.category.digital' },
        ],
      },
    ],
  },
  services: {
    labelKey: 'catalog.kind.services',
    singularKey: 'catalog.one.services',
    fields: [
      code,
      nameAr,
      nameEn,
      { name: 'department_ar', labelKey: 'catalog.field.departmentAr', dir: 'rtl', inList: true },
      { name: 'department_en', labelKey: 'catalog.field.departmentEn', dir: 'ltr' },
      { name: 'provider', labelKey: 'catalog.field.provider', options: 'providers', inList: true },
    ],
  },
  providers: {
    labelKey: 'catalog.kind.providers',
    singularKey: 'catalog.one.providers',
    fields: [
      code,
      nameAr,
      nameEn,
      {
        name: 'kind',
        labelKey: 'catalog.field.providerKind',
        required: true,
        inList: true,
        options: [
          { value: 'in_house', labelKey: 'catalog.providerKind.in_house' },
          { value: 'third_party', labelKey: 'catalog.providerKind.third_party' },
        ],
      },
    ],
  },
};

export const KIND_ORDER: CatalogKind[] = ['branches', 'channels', 'services', 'providers'];

/** An empty record for the create form (first option preselected for required selects). */
export function blankRecord(kind: CatalogKind): CatalogRecord {
  const r: Record<string, string | null> = {};
  for (const f of KINDS[kind].fields) {
    r[f.name] = Array.isArray(f.options) && f.required ? f.options[0].value : f.options === 'providers' ? null : '';
  }
  return r as CatalogRecord;
}
