import type { Message } from '../../../shared/contract';

/** The branch from the root to `leafId`, oldest first. */
export function pathTo(messages: Message[], leafId: string | null): Message[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const path: Message[] = [];
  const seen = new Set<string>();
  for (let m = leafId ? byId.get(leafId) : undefined; m && !seen.has(m.id); m = m.parentId ? byId.get(m.parentId) : undefined) {
    seen.add(m.id);
    path.unshift(m);
  }
  return path;
}

/** Following the newest child at each step: the branch a user last worked on under `id`. */
export function newestLeafUnder(messages: Message[], id: string): string {
  const children = new Map<string, Message[]>();
  for (const m of messages) {
    if (!m.parentId) continue;
    const list = children.get(m.parentId) ?? [];
    list.push(m);
    children.set(m.parentId, list);
  }
  let current = id;
  const seen = new Set<string>();
  for (;;) {
    seen.add(current);
    const next = (children.get(current) ?? [])
      .filter((m) => !seen.has(m.id))
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    if (!next) return current;
    current = next.id;
  }
}
