import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from './useFormat';

/**
 * GPU offload in the model's own layer count. A model has `block_count` layers (what its card and
 * the Models table say); llama.cpp offloads those plus the output layer, so the engine's total is
 * one more. Shown as "12 of 32", and "32 of 32 + output" when everything is on the GPU.
 */
export function useGpuLayersText(): (gpuLayers: number, engineTotal: number | null) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return useCallback(
    (gpuLayers: number, engineTotal: number | null) => {
      if (engineTotal === null) return format.integer(gpuLayers);
      const blocks = engineTotal - 1;
      if (gpuLayers > blocks) return t('shell.layers.allWithOutput', { total: format.integer(blocks) });
      return t('shell.layers.of', { value: format.integer(gpuLayers), total: format.integer(blocks) });
    },
    [t, format],
  );
}
