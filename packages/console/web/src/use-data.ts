/** Loads a JSON resource and reloads it on live changes; `reload` for after an action. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, get } from './api.ts';
import { useLiveRefresh } from './live.ts';

export interface Data<T> {
  data: T | undefined;
  error: ApiError | undefined;
  reload(): void;
}

export function useData<T>(path: string | undefined, live = true): Data<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const reload = useCallback(() => {
    if (path === undefined) return;
    get<T>(path).then(
      (value) => {
        setData(value);
        setError(undefined);
      },
      (reason: unknown) => setError(reason instanceof ApiError ? reason : new ApiError(0, 'NETWORK', String(reason))),
    );
  }, [path]);
  useEffect(() => {
    setData(undefined);
    reload();
  }, [reload]);
  useLiveRefresh(() => {
    if (live) reload();
  });
  return { data, error, reload };
}
