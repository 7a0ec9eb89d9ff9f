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
  it('lists what an engine build lacks, each item translated, as each language lists things', () => {
    const error = typed('ENGINE_BUILD_UNAVAILABLE', { missing: ['cmake', 'compiler', 'llamaSource'] });
    expect(describeError(en, error)).toBe(
      'The engine cannot be built here. Missing: cmake, a C++ compiler, and the llama.cpp source (installers for Linux carry it)',
    );
    expect(describeError(zh, error)).toBe('此处无法构建引擎。缺少：cmake、C++ 编译器和llama.cpp 源代码（Linux 安装包自带）');
  });

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

  it('gives a LoRA mismatch its reason in the UI language, capitalised, with what disagrees', () => {
    const error = typed('ADAPTER_MISMATCH', { path: '/m/lora.gguf', reason: 'ARCHITECTURE', detail: 'llama ≠ qwen2' });
    expect(describeError(en, error)).toBe('The LoRA adapter /m/lora.gguf does not fit this model. Made for a different architecture: llama ≠ qwen2.');
    expect(describeError(zh, error)).toBe('LoRA 适配器 /m/lora.gguf 不适用于此模型。为不同的架构制作：llama ≠ qwen2。');
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

describe('engine and chat errors', () => {
  it('says what would fit when a model does not', () => {
    const error = typed('MODEL_WONT_FIT', {
      neededBytes: 9.5 * 1024 ** 3,
      availableBytes: 6 * 1024 ** 3,
      suggestedContextSize: 8192,
      suggestedGpuLayers: null,
    });
    expect(describeError(en, error)).toBe(
      'The model needs about 9.5 GiB of memory with these settings, but only 6.0 GiB is available. It would fit with a context of 8,192 tokens.',
    );
    expect(describeError(zh, error)).toBe('按当前设置，模型大约需要 9.5 GiB 内存，但只有 6.0 GiB 可用。将上下文设为 8,192 个词元即可放下。');
    const layers = typed('MODEL_WONT_FIT', { neededBytes: 2e9, availableBytes: 1e9, suggestedContextSize: 2048, suggestedGpuLayers: 12 });
    expect(describeError(en, layers)).toMatch(/context of 2,048 tokens and 12 layers on the GPU\.$/);
    const nothing = typed('MODEL_WONT_FIT', { neededBytes: 2e9, availableBytes: 1e9, suggestedContextSize: null, suggestedGpuLayers: null });
    expect(describeError(en, nothing)).toMatch(/smaller quantization/);
    expect(describeError(zh, typed('MODEL_WONT_FIT', { neededBytes: 2e9, availableBytes: 1e9, suggestedContextSize: null, suggestedGpuLayers: 0 }))).toMatch(/仅使用 CPU/);
  });

  it('translates a refused file with the header problem', () => {
    const error = typed('NOT_A_GGUF', { path: '/m/x.gguf', problem: 'BAD_MAGIC', detail: 'magic 0' });
    expect(describeError(en, error)).toBe('/m/x.gguf is not a usable GGUF model: Not a GGUF file: it does not start with the GGUF signature.');
    expect(describeError(zh, error)).toContain('不是 GGUF 文件');
    expect(describeError(en, typed('MODEL_LOAD_FAILED', { path: '/m/x.gguf', detail: 'out of memory' }))).toBe(
      'The engine could not load /m/x.gguf: out of memory',
    );
    expect(describeError(zh, typed('IMPORT_INVALID', { issues: [{ path: 'format', message: 'Invalid input' }] }))).toBe(
      '该文件不是 Caliper 导出的对话：format: Invalid input',
    );
  });
});

describe('Hub and download errors', () => {
  it('writes disk space in readable units', () => {
    const error = typed('NOT_ENOUGH_SPACE', { neededBytes: 4_100_000_000, availableBytes: 1_200_000_000, folder: '/m' });
    expect(describeError(en, error)).toBe('Not enough free disk space in /m: the download needs 4.1 GB, only 1.2 GB is free.');
    expect(describeError(zh, error)).toContain('4.1 GB');
  });

  it('never prints "null" for a refusal or a missing model that names no file', () => {
    expect(describeError(en, typed('HUB_UNAUTHORIZED', { repoId: null }))).toBe('The Hub refused access. Check the access token in Settings.');
    expect(describeError(en, typed('HUB_UNAUTHORIZED', { repoId: 'a/b' }))).toContain('refused access to a/b');
    expect(describeError(en, typed('HUB_NOT_FOUND', { repoId: 'a/b', path: null }))).toMatch(/^The Hub has no model a\/b\./);
    expect(describeError(zh, typed('HUB_NOT_FOUND', { repoId: 'a/b', path: 'x.gguf' }))).toContain('x.gguf');
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
