import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError } from '../storage/database';
import { classifyStartupFailure, engineLoadFailure, startupFailurePage } from './startupFailure';

const abiMismatch = Object.assign(
  new Error(
    "The module '/opt/Caliper/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
      'was compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 140.',
  ),
  { code: 'ERR_DLOPEN_FAILED' },
);

describe('startup failures', () => {
  it('names the native module that failed to load', () => {
    expect(classifyStartupFailure(abiMismatch).kind).toBe('sqlite');
    expect(classifyStartupFailure(new Error('Could not locate the bindings file. Tried:\n → /x/better-sqlite3/build/better_sqlite3.node')).kind).toBe('sqlite');
    expect(
      classifyStartupFailure(new Error('/opt/Caliper/resources/app.asar.unpacked/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/llama-addon.node: invalid ELF header')).kind,
    ).toBe('engine');
    expect(classifyStartupFailure(new Error('Cannot find the native Koffi module; did you bundle it correctly?')).kind).toBe('ffi');
  });

  it('tells a newer database and any other failure apart from a native one', () => {
    const tooNew = classifyStartupFailure(new DatabaseTooNewError(99));
    expect(tooNew).toMatchObject({ kind: 'databaseTooNew', version: 99 });
    expect(classifyStartupFailure(new Error('EACCES: permission denied, mkdir /data')).kind).toBe('other');
    // A native-looking message about a module Caliper does not know stays generic.
    expect(classifyStartupFailure(new Error('libfoo.so: cannot open shared object file')).kind).toBe('other');
  });

  it('renders a static page in the user’s language with what to do, and the detail made inert', () => {
    const failure = { ...classifyStartupFailure(abiMismatch), detail: 'NODE_MODULE_VERSION 115 <script>alert(1)</script>' };
    const zh = startupFailurePage(failure, { language: 'zh-CN', dataDir: '/home/me/.config/Caliper', platform: 'linux' });
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<h1>Caliper 无法启动</h1>');
    expect(zh).toContain('你的数据是安全的：/home/me/.config/Caliper 中的内容没有任何改动。');
    expect(zh).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(zh).not.toMatch(/<script/i);
    expect(zh).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);

    const engine = startupFailurePage({ kind: 'engine', detail: 'x' }, { language: 'en', dataDir: '/d', platform: 'win32' });
    expect(engine).toContain("<h1>Caliper&#39;s model engine could not start</h1>");
    expect(engine).toContain('Microsoft Visual C++ Redistributable');
    expect(startupFailurePage({ kind: 'engine', detail: 'x' }, { language: 'en', dataDir: '/d', platform: 'darwin' })).not.toContain('Visual C++');
  });

  it("shows the engine's page only when its native code did not load", () => {
    expect(engineLoadFailure('/x/@node-llama-cpp/win-x64/bins/win-x64/llama-addon.node: The specified module could not be found.')?.kind).toBe('engine');
    expect(engineLoadFailure('NoBinaryFoundError: No prebuilt binary was found for this platform')?.kind).toBe('engine');
    expect(engineLoadFailure('engine request timed out after 60000 ms')).toBeNull();
    expect(engineLoadFailure('the engine process exited (code 1)')).toBeNull();
  });
});
