import { formatBytes, formatInteger, formatMemory } from '../format';

/** i18next's `t`, or the host's own `translate` bound to a language; `lng` picks number formats. */
export interface Translator {
  (key: string, options?: Record<string, unknown>): string;
  lng?: string;
}

interface ErrorLike {
  code?: unknown;
  data?: unknown;
}

/** Turns any error that crossed the contract into a translated sentence; never a stack trace. */
export function describeError(t: Translator, error: unknown): string {
  const { code, data } = (error ?? {}) as ErrorLike;
  if (typeof code !== 'string') return t('errors.UNKNOWN', { code: (error as Error)?.name ?? '?' });
  const values = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if ((code === 'INVALID_INPUT' || code === 'IMPORT_INVALID') && Array.isArray(values.issues)) {
    const issues = (values.issues as Array<{ path: string; message: string }>)
      .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
      .join('; ');
    return t(`errors.${code}`, { issues });
  }
  if (code === 'MODEL_WONT_FIT') return describeWontFit(t, values);
  if (code === 'ENGINE_BUILD_UNAVAILABLE' && Array.isArray(values.missing)) {
    return t('errors.ENGINE_BUILD_UNAVAILABLE', { missing: describeBuildRequirements(t, values.missing as string[]) });
  }
  if (code === 'NOT_A_GGUF' && typeof values.problem === 'string') {
    const reason = t(`gguf.problem.${values.problem}`, { defaultValue: String(values.detail ?? values.problem) });
    return t('errors.NOT_A_GGUF', { path: values.path, reason });
  }
  if (code === 'ADAPTER_MISMATCH' && typeof values.reason === 'string') {
    return t('errors.ADAPTER_MISMATCH', { path: values.path, reason: t(`quantize.lora.reason.${values.reason}`), detail: values.detail });
  }
  if (code === 'COMPARISON_LOCKED' && typeof values.reason === 'string') {
    return t(`errors.COMPARISON_LOCKED_${values.reason}`, { defaultValue: t('errors.COMPARISON_LOCKED') });
  }
  if (code === 'STORAGE_FAILED' && typeof values.reason === 'string' && values.reason !== 'OTHER') {
    return t(`errors.STORAGE_FAILED_${values.reason}`);
  }
  if (code === 'STORAGE_BUSY' && typeof values.reason === 'string') {
    return t(`errors.STORAGE_BUSY_${values.reason}`, { defaultValue: t('errors.STORAGE_BUSY') });
  }
  if ((code === 'NOT_ENOUGH_SPACE' || code === 'QUANTIZE_NO_SPACE') && typeof values.neededBytes === 'number' && typeof values.availableBytes === 'number') {
    const locale = t.lng ?? 'en';
    return t(`errors.${code}`, {
      folder: values.folder,
      needed: formatBytes(values.neededBytes, locale),
      available: formatBytes(values.availableBytes, locale),
    });
  }
  // Both may be about no particular repository or file: a shorter sentence then, not "null".
  if (code === 'HUB_UNAUTHORIZED' && values.repoId == null) return t('errors.HUB_UNAUTHORIZED_ANY');
  if (code === 'HUB_NOT_FOUND' && values.path == null) return t('errors.HUB_NOT_FOUND_REPO', { repoId: values.repoId });
  const key = `errors.${code}`;
  return t(key, { ...values, code, defaultValue: t('errors.UNKNOWN', { code }) });
}

/** What an engine build lacks (`BuildRequirement` ids) as one list in the language of `t`: "git, cmake and a C++ compiler". */
export function describeBuildRequirements(t: Translator, missing: readonly string[]): string {
  const names = missing.map((id) => t(`bench.build.requirement.${id}`, { defaultValue: id }));
  return new Intl.ListFormat(t.lng ?? 'en', { style: 'long', type: 'conjunction' }).format(names);
}

/**
 * "Needs 9.1 GiB, 6.0 GiB available. It would fit with a context of 8,192 tokens." The numbers are
 * formatted with the language of `t` (English and Chinese write them the same way).
 */
function describeWontFit(t: Translator, values: Record<string, unknown>): string {
  const { neededBytes, availableBytes, suggestedContextSize, suggestedGpuLayers } = values;
  if (typeof neededBytes !== 'number' || typeof availableBytes !== 'number') return t('errors.MODEL_WONT_FIT_SHORT');
  const locale = t.lng ?? 'en';
  const context = typeof suggestedContextSize === 'number' ? formatInteger(suggestedContextSize, locale) : null;
  const layers = typeof suggestedGpuLayers === 'number' ? formatInteger(suggestedGpuLayers, locale) : null;
  const suggestion =
    context !== null && layers !== null
      ? t('errors.MODEL_WONT_FIT_BOTH', { contextSize: context, gpuLayers: layers })
      : context !== null
        ? t('errors.MODEL_WONT_FIT_CONTEXT', { contextSize: context })
        : layers !== null
          ? suggestedGpuLayers === 0
            ? t('errors.MODEL_WONT_FIT_CPU')
            : t('errors.MODEL_WONT_FIT_GPU_LAYERS', { gpuLayers: layers })
          : t('errors.MODEL_WONT_FIT_NONE');
  return t('errors.MODEL_WONT_FIT', {
    needed: formatMemory(neededBytes, locale),
    available: formatMemory(availableBytes, locale),
    suggestion,
  });
}
