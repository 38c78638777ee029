/** Path routing under the console's root, with the query string as page state (shareable links). */
import { useEffect, useState } from 'preact/hooks';

const root = (): string => new URL('.', document.baseURI).pathname;

/** The path below the console's root, without a leading slash (`runs`, `jobs/backup`). */
export function currentPath(): string {
  const path = location.pathname.startsWith(root()) ? location.pathname.slice(root().length) : location.pathname;
  return path.replace(/^\/+|\/+$/g, '');
}

/** Navigates inside the app (no reload). */
export function navigate(path: string, replace = false): void {
  const url = new URL(path, document.baseURI).toString();
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new Event('console:navigate'));
}

/** The current location, re-rendering on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const read = () => ({ path: currentPath(), query: new URLSearchParams(location.search) });
  const [where, setWhere] = useState(read);
  useEffect(() => {
    const update = () => setWhere(read());
    addEventListener('popstate', update);
    addEventListener('console:navigate', update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener('console:navigate', update);
    };
  }, []);
  return where;
}

/** Sends clicks on same-app links through {@link navigate}. */
export function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const href = link.getAttribute('href');
    if (!href || link.target || href.startsWith('http') || href.startsWith('#')) return;
    event.preventDefault();
    navigate(href);
  });
}
