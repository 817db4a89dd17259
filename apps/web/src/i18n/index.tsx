import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatNumber, formatPercent, type Digits, type FormatPrefs, type Lang } from '../format.ts';
import { ar } from './ar.ts';
import { en } from './en.ts';

export type MessageKey = keyof typeof ar;
const dictionaries: Record<Lang, Record<MessageKey, string>> = { ar, en };

/** A dictionary string with {placeholders} filled in. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>) {
  const text = dictionaries[lang][key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`)) : text;
}

const LANG_KEY = 'tajriba.lang';
const DIGITS_KEY = 'tajriba.digits';

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const v = localStorage.getItem(key) as T | null;
    return v && allowed.includes(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

export interface Prefs extends FormatPrefs {
  dir: 'rtl' | 'ltr';
  setLang: (l: Lang) => void;
  setDigits: (d: Digits) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Number in the user's locale and digits. */
  num: (v: number | null | undefined, opts?: Intl.NumberFormatOptions) => string;
  pct: (fraction: number | null | undefined, digits?: number) => string;
  /** Picks name_ar or name_en of a catalog-like record. */
  name: (r: { name_ar: string; name_en: string }) => string;
}

const PrefsContext = createContext<Prefs | null>(null);

/** Applies the language to <html> before first paint, so RTL/LTR never flickers. */
export function applyDocumentLang(lang: Lang) {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
}

export const initialLang = () => stored<Lang>(LANG_KEY, ['ar', 'en'], 'ar');

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [digits, setDigitsState] = useState<Digits>(() => stored<Digits>(DIGITS_KEY, ['arab', 'latn'], 'latn'));

  useEffect(() => {
    applyDocumentLang(lang);
    document.title = translate(lang, 'app.name');
  }, [lang]);

  const value = useMemo<Prefs>(() => {
    const p = { lang, digits };
    return {
      ...p,
      dir: lang === 'ar' ? 'rtl' : 'ltr',
      setLang: (l) => {
        localStorage.setItem(LANG_KEY, l);
        setLangState(l);
      },
      setDigits: (d) => {
        localStorage.setItem(DIGITS_KEY, d);
        setDigitsState(d);
      },
      t: (key, params) => translate(lang, key, params),
      num: (v, opts) => formatNumber(v, p, opts),
      pct: (f, d) => formatPercent(f, p, d),
      name: (r) => (lang === 'ar' ? r.name_ar : r.name_en) || r.name_ar || r.name_en,
    };
  }, [lang, digits]);

  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(PrefsContext);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}
