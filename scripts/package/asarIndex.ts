import { closeSync, openSync, readSync } from 'node:fs';

/** One file of an asar archive, as its header describes it. */
export interface AsarEntry {
  /** `/`-separated path inside the archive. */
  path: string;
  size: number;
  /** Stored beside the archive in `app.asar.unpacked` rather than inside it. */
  unpacked: boolean;
  /** Byte offset of the content after the header; null for unpacked files and links. */
  offset: number | null;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  size?: number;
  offset?: string;
  unpacked?: boolean;
  link?: string;
}

/**
 * Reads the file table of an asar archive. The format: a 4-byte pickle holding the header size,
 * then a pickle with the JSON header (uint32 payload size, uint32 string length, the string),
 * then the packed files' bytes; `offset` is counted from the end of the header.
 */
export function readAsarIndex(archive: string): { entries: AsarEntry[]; dataStart: number } {
  const fd = openSync(archive, 'r');
  try {
    const sizes = Buffer.alloc(16);
    readSync(fd, sizes, 0, 16, 0);
    const headerPickleSize = sizes.readUInt32LE(4);
    const jsonLength = sizes.readUInt32LE(12);
    const json = Buffer.alloc(jsonLength);
    readSync(fd, json, 0, jsonLength, 16);
    const root = JSON.parse(json.toString('utf8')) as HeaderNode;
    const entries: AsarEntry[] = [];
    const walk = (node: HeaderNode, prefix: string) => {
      for (const [name, child] of Object.entries(node.files ?? {})) {
        const path = prefix ? `${prefix}/${name}` : name;
        if (child.files) walk(child, path);
        else if (child.link === undefined) {
          entries.push({ path, size: child.size ?? 0, unpacked: child.unpacked === true, offset: child.unpacked ? null : Number(child.offset ?? 0) });
        }
      }
    };
    walk(root, '');
    return { entries, dataStart: 8 + headerPickleSize };
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a packed file (to recognise native code by its magic number). */
export function readAsarBytes(archive: string, dataStart: number, entry: AsarEntry, length: number): Buffer {
  if (entry.offset === null) throw new Error(`${entry.path} is not packed in the archive`);
  const fd = openSync(archive, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(length, entry.size));
    readSync(fd, buffer, 0, buffer.length, dataStart + entry.offset);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** ELF, Mach-O (32/64-bit, both byte orders, fat) and PE/COFF ("MZ") executables and libraries. */
export function isNativeBinary(head: Buffer): boolean {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46) return true;
  if (head.length >= 4 && [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(head.readUInt32BE(0))) return true;
  return head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a;
}
