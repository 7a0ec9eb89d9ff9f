/**
 * Which signing credentials a release build has. electron-builder reads them from the environment
 * (CSC_LINK / WIN_CSC_LINK certificates, APPLE_* for notarization); without them it builds
 * unsigned installers, and the release log says so.
 */
export interface SigningStatus {
  /** macOS: a Developer ID certificate; without one the app is ad-hoc signed (runs, but Gatekeeper warns). */
  mac: boolean;
  notarize: boolean;
  windows: boolean;
}

const set = (value: string | undefined) => value !== undefined && value.trim() !== '';

export function signingStatus(env: NodeJS.ProcessEnv = process.env): SigningStatus {
  return {
    mac: set(env.CSC_LINK) || set(env.CSC_NAME),
    notarize: (set(env.APPLE_ID) && set(env.APPLE_APP_SPECIFIC_PASSWORD) && set(env.APPLE_TEAM_ID)) || (set(env.APPLE_API_KEY) && set(env.APPLE_API_KEY_ID) && set(env.APPLE_API_ISSUER)),
    windows: set(env.WIN_CSC_LINK) || set(env.CSC_LINK),
  };
}
