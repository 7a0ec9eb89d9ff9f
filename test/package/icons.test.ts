import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { icns, ico, icnsTypes } from '../../scripts/package/iconFormats';

const build = join(import.meta.dirname, '..', '..', 'build');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).equals(PNG)).toBe(true);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

function readIcns(file: Buffer): Map<string, Buffer> {
  expect(file.toString('latin1', 0, 4)).toBe('icns');
  expect(file.readUInt32BE(4)).toBe(file.length);
  const entries = new Map<string, Buffer>();
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at + 4);
    entries.set(file.toString('latin1', at, at + 4), file.subarray(at + 8, at + length));
    at += length;
  }
  return entries;
}

function readIco(file: Buffer): Array<{ declared: number; png: Buffer }> {
  expect([file.readUInt16LE(0), file.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: file.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + 16 * i;
    const size = file.readUInt32LE(entry + 8);
    const offset = file.readUInt32LE(entry + 12);
    return { declared: file.readUInt8(entry) || 256, png: file.subarray(offset, offset + size) };
  });
}

describe('installer icons', () => {
  it('writes icns and ico containers that read back entry for entry', () => {
    const fake = (size: number) => Buffer.concat([PNG, Buffer.from(`render ${size}`)]);
    const renders = new Map(icnsTypes.map(({ size }) => [size, fake(size)]));
    const back = readIcns(icns(renders));
    expect([...back.keys()]).toEqual(icnsTypes.map((t) => t.type));
    expect(back.get('ic10')?.equals(fake(1024))).toBe(true);
    const images = readIco(ico([16, 256].map((size) => ({ size, png: fake(size) }))));
    expect(images.map((i) => [i.declared, i.png.toString('latin1', 8)])).toEqual([
      [16, 'render 16'],
      [256, 'render 256'],
    ]);
  });

  it('are committed for every platform at the sizes each format declares', () => {
    for (const [type, png] of readIcns(readFileSync(join(build, 'icon.icns')))) {
      const { size } = icnsTypes.find((t) => t.type === type)!;
      expect(pngSize(png), type).toEqual([size, size]);
    }
    for (const { declared, png } of readIco(readFileSync(join(build, 'icon.ico')))) expect(pngSize(png)).toEqual([declared, declared]);
    const linux = readdirSync(join(build, 'icons'));
    expect(linux).toContain('512x512.png');
    for (const name of linux) {
      const size = Number(name.split('x')[0]);
      expect(pngSize(readFileSync(join(build, 'icons', name))), name).toEqual([size, size]);
    }
  });
});
