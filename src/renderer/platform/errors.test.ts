import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n';
import { describeCallError, describeError, isConnectionError } from './errors';

const instance = i18next.createInstance();
let en: TFunction;
let zh: TFunction;

beforeAll(async () => {
  await instance.init({
    resources: { en: { translation: resources.en }, 'zh-CN': { translation: resources['zh-CN'] } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  en = instance.getFixedT('en');
  zh = instance.getFixedT('zh-CN');
});

/** The shape an ORPCError has once it crossed the transport. */
const typed = (code: string, data: unknown) => Object.assign(new Error('developer text'), { code, data });

describe('describeError', () => {
  it('translates a typed code with its data', () => {
    const error = typed('FOLDER_NOT_FOUND', { path: '/nope' });
    expect(describeError(en, error)).toBe('The folder /nope does not exist.');
    expect(describeError(zh, error)).toBe('文件夹 /nope 不存在。');
  });

  it('lists validation issues', () => {
    const error = typed('INVALID_INPUT', { issues: [{ path: 'modelFolders.0', message: 'Path must be absolute' }] });
    expect(describeError(en, error)).toBe('That value is not valid: modelFolders.0: Path must be absolute');
    expect(describeError(zh, error)).toBe('输入的值无效：modelFolders.0: Path must be absolute');
  });

  it('picks the specific storage reason', () => {
    expect(describeError(en, typed('STORAGE_FAILED', { reason: 'DISK_FULL' }))).toMatch(/disk is full/);
    expect(describeError(zh, typed('STORAGE_FAILED', { reason: 'DISK_FULL' }))).toMatch(/磁盘已满/);
  });

  it('falls back to a sentence with the code for unknown codes, never the developer text', () => {
    expect(describeError(en, typed('SOMETHING_NEW', {}))).toBe('Something went wrong (SOMETHING_NEW).');
    expect(describeError(zh, typed('SOMETHING_NEW', {}))).toBe('出错了（SOMETHING_NEW）。');
  });
});

describe('connection errors', () => {
  it('are errors without a typed code, except our own aborts', () => {
    expect(isConnectionError(new Error('[AsyncIdQueue] closed'))).toBe(true);
    expect(isConnectionError(typed('TIMEOUT', {}))).toBe(false);
    expect(isConnectionError(new DOMException('aborted', 'AbortError'))).toBe(false);
  });

  it('read as "reconnecting" rather than "unknown"', () => {
    expect(describeCallError(en, new Error('Cannot send message, WebSocket is not open.'))).toBe(
      'Lost the connection to Caliper. Reconnecting…',
    );
    expect(describeCallError(zh, typed('FOLDER_UNREADABLE', { path: '/root' }))).toBe('Caliper 没有读取 /root 的权限。');
  });
});
