// Small data-loading hook: value, error, reload. `key` names the inputs: a new key loads again.
// Only the latest call's answer is kept: a slow answer for an earlier key (a user switched
// while the first user's list was loading) never replaces the newer one.
import { useCallback, useEffect, useRef, useState } from "react";

export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const loader = useRef(load);
  loader.current = load;
  const latest = useRef(0);
  const reload = useCallback(() => {
    const call = ++latest.current;
    const current = () => call === latest.current;
    setLoading(true);
    loader
      .current()
      .then((v) => {
        if (!current()) return;
        setValue(v);
        setError(undefined);
      })
      .catch((e: Error) => current() && setError(e))
      .finally(() => current() && setLoading(false));
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the loader's inputs
  useEffect(() => {
    reload();
  }, [reload, key]);
  return { value, error, loading, reload, setValue };
}
