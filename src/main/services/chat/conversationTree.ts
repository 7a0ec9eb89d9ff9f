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
