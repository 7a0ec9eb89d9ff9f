import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

export const LanguageSettingSchema = z.enum(['system', 'en', 'zh-CN']);
export type LanguageSetting = z.infer<typeof LanguageSettingSchema>;

/** An absolute path as the host OS writes it; bounded so a hostile caller cannot store megabytes. */
export const AbsolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'Path contains a NUL character')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'Path must be absolute');

/** http(s) origin with an optional path prefix, no credentials, query or fragment. */
export const HubEndpointSchema = z
  .string()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, 'Must be an http(s) address without credentials, query or fragment');

export const SettingsSchema = z.object({
  language: LanguageSettingSchema,
  theme: ThemeSchema,
  /** Extra folders scanned for GGUF files, used in place (never copied). */
  modelFolders: z.array(AbsolutePathSchema).max(64),
  /** A Hub mirror (as HF_ENDPOINT sets it); null: HF_ENDPOINT, else https://huggingface.co. */
  hubEndpoint: HubEndpointSchema.nullable(),
  /** Check GitHub releases for updates and install them on quit; off until the user agrees. */
  autoUpdate: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const defaultSettings: Settings = { language: 'system', theme: 'system', modelFolders: [], hubEndpoint: null, autoUpdate: false };

const base = oc.errors(appErrors);

export const settingsContract = {
  get: base.output(SettingsSchema),
  update: base.input(SettingsPatchSchema).output(SettingsSchema),
  /** Emits the full settings once on subscribe, then after every change. */
  onDidChange: base.output(eventIterator(SettingsSchema)),
};
