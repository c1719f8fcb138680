// Small data-loading hook: value, error, reload. `key` names the inputs: a new key loads again.
// A value belongs to the key it was loaded for: after a switch (another user, another model)
// the page shows "loading" until the new key's answer arrives, never the previous key's data
// under the new name, and only the latest call's answer is kept, so a slow answer for an
// earlier key never replaces a newer one. A reload of the same key keeps showing the old value.
import { useCallback, useEffect, useRef, useState } from "react";

interface Loaded<T> {
  key: string;
  value?: T;
  error?: Error;
}

export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [loaded, setLoaded] = useState<Loaded<T>>();
  const [loading, setLoading] = useState(true);
  const loader = useRef(load);
  loader.current = load;
  const keyNow = useRef(key);
  keyNow.current = key;
  const latest = useRef(0);
  const reload = useCallback(() => {
    const call = ++latest.current;
    const forKey = keyNow.current;
    const current = () => call === latest.current;
    setLoading(true);
    loader
      .current()
      .then((value) => current() && setLoaded({ key: forKey, value }))
      .catch(
        (error: Error) =>
          current() &&
          setLoaded((was) => (was?.key === forKey ? { ...was, error } : { key: forKey, error })),
      )
      .finally(() => current() && setLoading(false));
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the loader's inputs
  useEffect(() => {
    reload();
  }, [reload, key]);
  const mine = loaded?.key === key ? loaded : undefined;
  const setValue = useCallback((value: T) => setLoaded({ key: keyNow.current, value }), []);
  return { value: mine?.value, error: mine?.error, loading: loading || !mine, reload, setValue };
}
