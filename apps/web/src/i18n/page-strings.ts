import type { Lang } from '../format.ts';

/** A screen's own wording, [Arabic, English] per key: kept beside the screen when no other uses it. */
export type PageStrings = Record<string, readonly [ar: string, en: string]>;

/** The lookup of `strings` in `lang`, with {placeholders} filled from params. */
export function stringsIn<S extends PageStrings>(strings: S, lang: Lang) {
  const i = lang === 'ar' ? 0 : 1;
  return (key: keyof S, params: Record<string, string | number> = {}) =>
    strings[key][i].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
