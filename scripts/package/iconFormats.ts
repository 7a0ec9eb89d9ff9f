/**
 * Icon containers whose entries may be plain PNG files, so the installers' icons are made from PNG
 * renders of `resources/icon.svg` without an image library.
 */

/** macOS `.icns` entry types that hold a PNG of `size` pixels (the @2x types reuse the larger render). */
export const icnsTypes: ReadonlyArray<{ type: string; size: number }> = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'icp6', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 },
  { type: 'ic11', size: 32 },
  { type: 'ic12', size: 64 },
  { type: 'ic13', size: 256 },
  { type: 'ic14', size: 512 },
];

/** `icns` magic, total length (big-endian), then per entry: type, entry length (8 + data), PNG. */
export function icns(pngBySize: ReadonlyMap<number, Buffer>): Buffer {
  const entries = icnsTypes.map(({ type, size }) => {
    const png = pngBySize.get(size);
    if (!png) throw new Error(`no ${size}px render for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

/** Windows `.ico`: ICONDIR, one 16-byte ICONDIRENTRY per image (256 is written as 0), the PNGs. */
export function ico(pngs: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const dir = Buffer.alloc(6);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2);
  dir.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, png }) => {
    if (size > 256) throw new Error('.ico images are at most 256 pixels');
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size === 256 ? 0 : size, 0);
    entry.writeUInt8(size === 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([dir, ...entries, ...pngs.map((p) => p.png)]);
}
