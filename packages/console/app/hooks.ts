// Small data-loading hook: value, error, reload. `key` names the inputs: a new key loads again.
import { useCallback, useEffect, useRef, useState } from "react";

export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(() => {
    setLoading(true);
    loader
      .current()
      .then((v) => {
        setValue(v);
        setError(undefined);
      })
      .catch((e: Error) => setError(e))
      .finally(() => setLoading(false));
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the loader's inputs
  useEffect(() => {
    reload();
  }, [reload, key]);
  return { value, error, loading, reload, setValue };
}
