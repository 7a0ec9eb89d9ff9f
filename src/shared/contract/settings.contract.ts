import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';
import { patchOf } from './patch';

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

export const LanguageSettingSchema = z.enum(['system', 'en', 'zh-CN']);
export type LanguageSetting = z.infer<typeof LanguageSettingSchema>;

/**
 * An absolute local path as the host OS writes it; bounded so a hostile caller cannot store
 * megabytes. Network (`\\host\share`) and device (`\\?\`, `\\.\`) paths are refused: opening one
 * makes Windows authenticate to another machine.
 */
export const AbsolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'Path contains a NUL character')
  .refine((p) => !/^[\\/]{2}/.test(p), 'Network and device paths are not allowed')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'Path must be absolute');

/** A model folder: a local absolute path, and not a whole drive (scanning `/` would never end). */
export const ModelFolderSchema = AbsolutePathSchema.refine(
  (p) => !/^([A-Za-z]:)?[\\/]*$/.test(p) && !/^\/(dev|proc|sys)(\/|$)/.test(p),
  'A whole drive or a system folder cannot be a model folder',
);

/** A browser origin the user allows to call the local API (`http://localhost:3000`). */
export const CorsOriginSchema = z
  .string()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'Must be an origin such as http://localhost:3000 (scheme, host and port only)');

/** A name programs may use for a model in the API (`model: "my-coder"`). */
export const ModelAliasSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'Letters, digits and . _ : / - only');

/** An http(s) address with an optional path, and no credentials, query or fragment (those would travel with every request). */
export function httpBaseUrl(message: string) {
  return z
    .string()
    .max(500)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash;
      } catch {
        return false;
      }
    }, message);
}

/** The Hub, or a mirror of it (as HF_ENDPOINT names one). */
export const HubEndpointSchema = httpBaseUrl('Must be an http(s) address without credentials, query or fragment');

export const SettingsSchema = z.object({
  language: LanguageSettingSchema,
  theme: ThemeSchema,
  /** Extra folders scanned for GGUF files, used in place (never copied). */
  modelFolders: z.array(ModelFolderSchema).max(64),
  /** A Hub mirror (as HF_ENDPOINT sets it); null: HF_ENDPOINT, else https://huggingface.co. */
  hubEndpoint: HubEndpointSchema.nullable(),
  /** The desktop app's local API port is open (the headless host always serves `/v1` on its own port). */
  apiEnabled: z.boolean(),
  apiPort: z.number().int().min(1024).max(65535),
  /** false: programs on this machine may call the API without a key (never from elsewhere). */
  apiRequireKey: z.boolean(),
  apiCorsOrigins: z.array(CorsOriginSchema).max(32),
  /** Models the API loaded by itself are unloaded after this many idle minutes; 0 keeps them. */
  apiIdleUnloadMinutes: z.number().int().min(0).max(1440),
  /** Extra names for library files in the API, alias → file path. */
  apiAliases: z.record(ModelAliasSchema, AbsolutePathSchema).refine((r) => Object.keys(r).length <= 200, 'At most 200 aliases'),
  /** Check GitHub releases for updates and install them on quit; off until the user agrees. */
  autoUpdate: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = patchOf(SettingsSchema);
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const defaultSettings: Settings = {
  language: 'system',
  theme: 'system',
  modelFolders: [],
  hubEndpoint: null,
  apiEnabled: false,
  apiPort: 4751,
  apiRequireKey: true,
  apiCorsOrigins: [],
  apiIdleUnloadMinutes: 15,
  apiAliases: {},
  autoUpdate: false,
};

const base = oc.errors(appErrors);

export const settingsContract = {
  get: base.output(SettingsSchema),
  update: base.input(SettingsPatchSchema).output(SettingsSchema),
  /** Emits the full settings once on subscribe, then after every change. */
  onDidChange: base.output(eventIterator(SettingsSchema)),
};
