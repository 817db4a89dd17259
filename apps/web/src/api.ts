// The one way the web app talks to /api/v1: same-origin cookie, CSRF header on every call,
// the selected agency as ?agency=SLUG, and the server's bilingual error shape parsed.

export const API_BASE = '/api/v1';
const CSRF_HEADER = 'x-tajriba-csrf';

export interface ApiErrorBody {
  code: string;
  message_ar: string;
  message_en: string;
  field?: string;
  row?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    /** The whole JSON answer (some errors carry more, e.g. a rejected import's row errors). */
    readonly payload?: unknown,
  ) {
    super(body.message_en);
  }
  get code() {
    return this.body.code;
  }
  get field() {
    return this.body.field;
  }
  /** The message in the UI language. */
  messageIn(lang: 'ar' | 'en') {
    return lang === 'ar' ? this.body.message_ar : this.body.message_en;
  }
}

let agencySlug: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Which agency every following request acts on (null: none selected yet). */
export function setApiAgency(slug: string | null) {
  agencySlug = slug;
}

/** Called whenever the server answers 401, so the shell can show the login screen. */
export function onUnauthenticated(fn: () => void) {
  unauthenticatedListeners.add(fn);
  return () => {
    unauthenticatedListeners.delete(fn);
  };
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** Absolute API URL with the agency and extra query parameters (also for download links). */
export function apiUrl(path: string, query: Query = {}, withAgency = true) {
  const url = new URL(API_BASE + path, window.location.origin);
  if (withAgency && agencySlug) url.searchParams.set('agency', agencySlug);
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  }
  return url.pathname + url.search;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** JSON body. */
  body?: unknown;
  /** Raw body (file, text) with its content type. */
  raw?: { data: BodyInit; contentType: string };
  /** false for endpoints that are not agency-scoped (auth, agencies). */
  agency?: boolean;
  signal?: AbortSignal;
}

function networkError(): ApiError {
  return new ApiError(0, {
    code: 'network',
    message_ar: 'تعذّر الاتصال بالخادم. تحقّق من الاتصال ثم أعد المحاولة.',
    message_en: 'Could not reach the server. Check the connection and try again.',
  });
}

function parseErrorBody(status: number, text: string): ApiError {
  try {
    const parsed = JSON.parse(text) as { error?: ApiErrorBody };
    if (parsed.error?.code) return new ApiError(status, parsed.error, parsed);
  } catch {
    /* not our JSON error shape: fall through */
  }
  return new ApiError(status, {
    code: `http_${status}`,
    message_ar: `استجاب الخادم برمز غير متوقع (${status}).`,
    message_en: `The server answered with an unexpected status (${status}).`,
  });
}

function handleStatus(status: number) {
  if (status === 401) unauthenticatedListeners.forEach((fn) => fn());
}

/** JSON request; resolves with the parsed body, rejects with ApiError. */
export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { [CSRF_HEADER]: '1', accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.raw) {
    headers['content-type'] = opts.raw.contentType;
    body = opts.raw.data;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query, opts.agency ?? true), {
      method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
      credentials: 'same-origin',
      headers,
      body,
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw networkError();
  }
  const text = await res.text();
  if (!res.ok) {
    handleStatus(res.status);
    throw parseErrorBody(res.status, text);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Uploads a file with XMLHttpRequest, because fetch cannot report upload progress.
 * onProgress receives a fraction 0–1 of bytes sent.
 */
export function uploadFile<T>(path: string, file: Blob, opts: { query?: Query; contentType: string; onProgress: (fraction: number) => void }): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, opts.query));
    xhr.withCredentials = false; // same-origin cookies are sent anyway
    xhr.setRequestHeader(CSRF_HEADER, '1');
    xhr.setRequestHeader('content-type', opts.contentType);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress(1);
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          reject(parseErrorBody(xhr.status, xhr.responseText));
        }
      } else {
        handleStatus(xhr.status);
        reject(parseErrorBody(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.send(file);
  });
}

/** Any thrown value as a message in the UI language. */
export function errorText(err: unknown, lang: 'ar' | 'en'): string {
  if (err instanceof ApiError) return err.messageIn(lang);
  return lang === 'ar' ? 'حدث خطأ غير متوقع.' : 'Something went wrong.';
}
