import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AsarFile {
  content: Buffer | string;
  /** Written to `<archive>.unpacked/<path>` and only listed in the archive, as asarUnpack does. */
  unpacked?: boolean;
}

interface Node {
  files?: Record<string, Node>;
  size?: number;
  offset?: string;
  unpacked?: boolean;
}

/** Writes an asar archive in Electron's format (size pickle, JSON header pickle, file bytes). */
export function writeAsar(archive: string, files: Record<string, AsarFile>): void {
  const root: Node = { files: {} };
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [path, file] of Object.entries(files)) {
    const content = Buffer.from(file.content);
    const parts = path.split('/');
    let node = root;
    for (const dir of parts.slice(0, -1)) node = node.files![dir] ??= { files: {} };
    if (file.unpacked) {
      node.files![parts.at(-1)!] = { size: content.length, unpacked: true };
      const target = join(`${archive}.unpacked`, ...parts);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    } else {
      node.files![parts.at(-1)!] = { size: content.length, offset: String(offset) };
      chunks.push(content);
      offset += content.length;
    }
  }
  const json = Buffer.from(JSON.stringify(root));
  const padded = Buffer.alloc(Math.ceil(json.length / 4) * 4);
  json.copy(padded);
  const header = Buffer.alloc(8);
  header.writeUInt32LE(4 + padded.length, 0);
  header.writeUInt32LE(json.length, 4);
  const headerPickle = Buffer.concat([header, padded]);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(4, 0);
  size.writeUInt32LE(headerPickle.length, 4);
  mkdirSync(dirname(archive), { recursive: true });
  writeFileSync(archive, Buffer.concat([size, headerPickle, ...chunks]));
}
