export function scriptTranslator(): Promise<(key: string, vars?: Record<string, string | number>) => string>;
