import { useSyncExternalStore } from 'react';

/** The views that work today; the rail shows exactly these, in this order. */
export const routes = ['chat', 'compare', 'catalog', 'hub', 'models', 'downloads', 'bench', 'api', 'settings'] as const;
export type Route = (typeof routes)[number];
export const defaultRoute: Route = 'models';

export function routeHref(route: Route): string {
  return `#/${route}`;
}

/** The sections of Settings, in page order; `#/settings?section=<id>` scrolls to one. */
export const settingsSections = ['appearance', 'folders', 'hub', 'remoteEngines', 'localApi', 'updates', 'storage', 'system'] as const;
export type SettingsSection = (typeof settingsSections)[number];

export function settingsHref(section: SettingsSection): string {
  return `#/settings?section=${section}`;
}

/** `#/chat/<id>`: one conversation. */
export function chatHref(conversationId: string): string {
  return `#/chat/${encodeURIComponent(conversationId)}`;
}

function segments(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
}

/** `#/settings` → 'settings'; anything unknown (or no hash) → the default view. */
export function parseRoute(hash: string): Route {
  const name = segments(hash)[0];
  return (routes as readonly string[]).includes(name ?? '') ? (name as Route) : defaultRoute;
}

/** The part after the view: `#/chat/abc` → 'abc'; none → null. */
export function parseRouteParam(hash: string): string | null {
  const param = segments(hash)[1];
  if (!param) return null;
  try {
    return decodeURIComponent(param);
  } catch {
    return null;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current view, following the location hash (so back/forward and links just work). */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => parseRoute(window.location.hash));
}

/** The current view's parameter (the open conversation in Chat). */
export function useRouteParam(): string | null {
  return useSyncExternalStore(subscribe, () => parseRouteParam(window.location.hash));
}

/** Goes to a view; `replace` swaps the history entry instead of adding one. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (window.location.hash === href) return;
  if (options.replace) {
    window.history.replaceState(null, '', href);
    // replaceState fires no hashchange; tell the subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}

/** `#/hub/<owner%2Frepo>`: one Hugging Face model page (the repo id is one encoded segment). */
export function hubModelHref(repoId: string): string {
  return `#/hub/${encodeURIComponent(repoId)}`;
}

/** `#/compare/<id>`: one saved comparison. */
export function compareHref(comparisonId: string): string {
  return `#/compare/${encodeURIComponent(comparisonId)}`;
}

/** Opens a conversation in the Chat view (from any feature). */
export function openConversation(conversationId: string, options: { replace?: boolean } = {}): void {
  navigate(chatHref(conversationId), options);
}

/** The slice of the client this needs; keeps the routes free of the whole API type. */
interface ChatCreator {
  chat: { create(input: { model: { kind: 'local'; path: string } | null }): Promise<{ id: string }> };
}

/** "Chat with this model": a new conversation using the file at `modelPath`, opened in Chat. Throws the typed error. */
export async function startChatWithModel(client: ChatCreator, modelPath: string): Promise<string> {
  const conversation = await client.chat.create({ model: { kind: 'local', path: modelPath } });
  openConversation(conversation.id);
  return conversation.id;
}

/** `#/models?open=<path>`: the Models view with a file's inspector open (a file the OS opened). */
export function modelsOpenHref(path: string): string {
  return `#/models?open=${encodeURIComponent(path)}`;
}

/** The `?key=` part of the hash route: `#/models?open=%2Fm.gguf` → '/m.gguf' for 'open'. */
export function parseRouteQuery(hash: string, key: string): string | null {
  const at = hash.indexOf('?');
  return at === -1 ? null : new URLSearchParams(hash.slice(at + 1)).get(key);
}

/** The current route's `?key=` value, following the location hash. */
export function useRouteQuery(key: string): string | null {
  return useSyncExternalStore(subscribe, () => parseRouteQuery(window.location.hash, key));
}
