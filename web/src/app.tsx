import { type ComponentChildren, createContext, type JSX } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { type Lang, type TextKey, translate } from './i18n.js';

export interface LangContext {
  lang: Lang;
  t: (key: TextKey, values?: Record<string, string | number>) => string;
}

export const LangCtx = createContext<LangContext>({ lang: 'zh', t: (key, values) => translate('zh', key, values) });
export const useLang = () => useContext(LangCtx);

const listeners = new Set<() => void>();
export const onNavigate = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Client-side navigation: the shell stays, the page module changes. */
export function navigate(href: string): void {
  history.pushState(null, '', href);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

export function Link(props: { href: string; children: ComponentChildren; class?: string }) {
  const follow = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.href);
  };
  return (
    <a href={props.href} class={props.class} onClick={follow}>
      {props.children}
    </a>
  );
}

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'ok'; data: T }
  | { state: 'error'; error: unknown; retry: () => void };

/** Loads once per key (a changed key loads again); a stale answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (data) => current && setResult({ state: 'ok', data }),
      (error: unknown) => current && setResult({ state: 'error', error, retry }),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);
  return result;
}

export function Loading() {
  const { t } = useLang();
  return (
    <p class="status" role="status">
      {t('loading')}
    </p>
  );
}

/** A failed load: a 404 says what is missing, a 429 when to retry, anything else offers a retry. */
export function Failure(props: { error: unknown; retry?: () => void; notFound?: TextKey }) {
  const { t } = useLang();
  const { error } = props;
  if (error instanceof ApiError && error.status === 404 && props.notFound) {
    return (
      <p class="notice" role="alert">
        {t(props.notFound)}
      </p>
    );
  }
  if (error instanceof ApiError && error.status === 429) {
    return (
      <div class="notice warn" role="alert">
        <p>{t('tooMany')}</p>
        {error.retryAfter !== undefined && <p>{t('retryAfter', { n: error.retryAfter })}</p>}
      </div>
    );
  }
  return (
    <div class="notice error" role="alert">
      <p>{t('errorGeneric')}</p>
      {props.retry && (
        <button type="button" onClick={props.retry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** Renders the loaded data, or the loading and failure states every page shares. */
export function Show<T>(props: { loaded: Loaded<T>; notFound?: TextKey; children: (data: T) => JSX.Element }) {
  const { loaded } = props;
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') {
    return (
      <Failure error={loaded.error} retry={loaded.retry} {...(props.notFound ? { notFound: props.notFound } : {})} />
    );
  }
  return props.children(loaded.data);
}

export function usePageTitle(title: string) {
  const { t } = useLang();
  useEffect(() => {
    document.title = `${title} · ${t('site')}`;
  }, [title, t]);
}

/** The half-year in Shanghai (UTC+8, no daylight saving) now: the ranking the index links to. */
export function currentPeriod(now = new Date()): string {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  return `${shanghai.getUTCFullYear()}H${shanghai.getUTCMonth() < 6 ? 1 : 2}`;
}
