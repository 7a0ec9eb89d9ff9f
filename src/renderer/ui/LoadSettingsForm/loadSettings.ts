import type { LoadSettingsPatch } from '../../../shared/contract';

/**
 * The context a load uses when the user chose none: the machine's default, but never more than
 * the model was trained on (a 2,304-token model is not offered 4,096).
 */
export function defaultContextFor(defaultContextSize: number | null, trainedContext: number | null): number | null {
  if (defaultContextSize === null) return trainedContext;
  return trainedContext !== null ? Math.min(defaultContextSize, trainedContext) : defaultContextSize;
}

/** The settings sent to `engine.load`: what the user chose, and a context the model can hold. */
export function toLoadSettings(
  choice: LoadSettingsPatch,
  defaultContextSize: number | null,
  trainedContext: number | null = null,
): LoadSettingsPatch {
  const contextSize = choice.contextSize ?? defaultContextFor(defaultContextSize, trainedContext);
  return { ...choice, ...(contextSize !== null ? { contextSize } : {}) };
}
