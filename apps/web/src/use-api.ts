import { useCallback, useEffect, useState } from 'react';
import { api, type RequestOptions } from './api.ts';
import { useSession } from './session.tsx';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` (null = skip) for the selected agency; refetches when the path, the query
 * or the agency changes, and drops answers that arrive after a newer request started.
 */
export function useApi<T>(path: string | null, opts: Pick<RequestOptions, 'query' | 'agency'> = {}): ApiState<T> {
  const { agency } = useSession();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const queryKey = JSON.stringify(opts.query ?? {});

  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    setLoading(true);
    setError(undefined);
    api<T>(path, { ...opts, signal: ctl.signal })
      .then((d) => {
        if (!ctl.signal.aborted) setData(d);
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- queryKey stands for opts.query
  }, [path, queryKey, agency?.slug, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
