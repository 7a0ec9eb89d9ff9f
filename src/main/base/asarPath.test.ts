import { describe, expect, it } from 'vitest';
import { unpackedPath } from './asarPath';

describe('unpackedPath', () => {
  it('maps a path inside app.asar to the same path in app.asar.unpacked', () => {
    expect(unpackedPath('/opt/Caliper/resources/app.asar/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libllama.so', '/')).toBe(
      '/opt/Caliper/resources/app.asar.unpacked/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libllama.so',
    );
    expect(unpackedPath('C:\\Users\\a\\AppData\\Local\\Programs\\Caliper\\resources\\app.asar\\node_modules\\x\\llama.dll', '\\')).toBe(
      'C:\\Users\\a\\AppData\\Local\\Programs\\Caliper\\resources\\app.asar.unpacked\\node_modules\\x\\llama.dll',
    );
  });

  it('leaves paths outside an archive, and already unpacked ones, alone', () => {
    expect(unpackedPath('/work/caliper/node_modules/x/libllama.so', '/')).toBe('/work/caliper/node_modules/x/libllama.so');
    expect(unpackedPath('/opt/Caliper/resources/app.asar.unpacked/x/libllama.so', '/')).toBe('/opt/Caliper/resources/app.asar.unpacked/x/libllama.so');
    // A folder merely named like the archive is not the archive.
    expect(unpackedPath('/home/me/app.asar-notes/libllama.so', '/')).toBe('/home/me/app.asar-notes/libllama.so');
  });
});
