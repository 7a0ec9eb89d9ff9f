import type { Message } from '../../../shared/contract';

/** Messages of one conversation, by id. */
export type MessageMap = Readonly<Record<string, Message>>;

/**
 * The branch being shown: the messages from the root down to `leafId`. A missing parent ends the
 * walk (the path then starts at the first message that is present); a cycle cannot loop forever.
 */
export function pathToLeaf(messages: MessageMap, leafId: string | null): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  let id = leafId;
  while (id && !seen.has(id)) {
    const message = messages[id];
    if (!message) break;
    seen.add(id);
    path.push(id);
    id = message.parentId;
  }
  return path.reverse();
}

/** Messages that share `message`'s parent (itself included), oldest first. */
export function siblingsOf(messages: MessageMap, message: Pick<Message, 'id' | 'parentId'>): Message[] {
  return Object.values(messages)
    .filter((m) => m.parentId === message.parentId)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface BranchPosition {
  /** 1-based, as shown: "2/3". */
  index: number;
  count: number;
  previousId: string | null;
  nextId: string | null;
}

/** Where `message` stands among its siblings, and which sibling the arrows go to. */
export function branchPosition(messages: MessageMap, message: Pick<Message, 'id' | 'parentId'>): BranchPosition {
  const siblings = siblingsOf(messages, message);
  const at = siblings.findIndex((m) => m.id === message.id);
  return {
    index: at + 1,
    count: siblings.length,
    previousId: at > 0 ? siblings[at - 1]!.id : null,
    nextId: at >= 0 && at < siblings.length - 1 ? siblings[at + 1]!.id : null,
  };
}

/**
 * The newest message at the bottom of `id`'s subtree, following the newest child at each step:
 * where a branch switch lands when the server has not told us yet.
 */
export function newestLeafUnder(messages: MessageMap, id: string): string {
  const children = new Map<string, Message[]>();
  for (const m of Object.values(messages)) {
    if (m.parentId === null) continue;
    const list = children.get(m.parentId);
    if (list) list.push(m);
    else children.set(m.parentId, [m]);
  }
  let current = id;
  const seen = new Set<string>([current]);
  for (;;) {
    const next = children.get(current);
    if (!next?.length) return current;
    const newest = next.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
    if (seen.has(newest.id)) return current;
    seen.add(newest.id);
    current = newest.id;
  }
}
