import { useSyncExternalStore } from 'react';

/** The views that work today; the rail shows exactly these. */
export const routes = ['models', 'settings'] as const;
export type Route = (typeof routes)[number];
export const defaultRoute: Route = 'models';

export function routeHref(route: Route): string {
  return `#/${route}`;
}

/** `#/settings` → 'settings'; anything unknown (or no hash) → the default view. */
export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (routes as readonly string[]).includes(name ?? '') ? (name as Route) : defaultRoute;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current view, following the location hash (so back/forward and links just work). */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => parseRoute(window.location.hash));
}
