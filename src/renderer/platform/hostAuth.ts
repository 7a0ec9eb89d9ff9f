import { create } from 'zustand';

/**
 * The headless host's sign-in: the page holds an HttpOnly cookie it got for the token printed by
 * `npm run serve`. Without it the host refuses `/rpc`, so the page asks for the token first. The
 * desktop window talks over a MessagePort and never needs this.
 */
export type SignInState = 'checking' | 'required' | 'signedIn';

export const useSignInStore = create<{ state: SignInState }>()(() => ({ state: 'checking' }));

let signedIn: (() => void) | null = null;
let waiting: Promise<void> | null = null;

async function isSignedIn(): Promise<boolean | null> {
  try {
    const response = await fetch('/auth/session', { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) return null;
    return ((await response.json()) as { authenticated?: boolean }).authenticated === true;
  } catch {
    return null; // the host is not reachable right now
  }
}

/** Resolves once the page may open `/rpc`: at once with a valid cookie, else after the user signs in. */
export function ensureSignedIn(): Promise<void> {
  waiting ??= (async () => {
    if ((await isSignedIn()) !== false) {
      useSignInStore.setState({ state: 'signedIn' });
      return;
    }
    useSignInStore.setState({ state: 'required' });
    await new Promise<void>((resolve) => (signedIn = resolve));
  })();
  return waiting;
}

/** A dropped connection may be a host restarted with a new token: ask again if the cookie no longer works. */
export async function recheckSignIn(): Promise<void> {
  if ((await isSignedIn()) === false) useSignInStore.setState({ state: 'required' });
}

export type SignInResult = 'ok' | 'wrong' | 'throttled' | 'unreachable';

export async function signIn(token: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch('/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: token.trim() }),
    });
  } catch {
    return 'unreachable';
  }
  if (response.status === 429) return 'throttled';
  if (!response.ok) return 'wrong';
  useSignInStore.setState({ state: 'signedIn' });
  signedIn?.();
  signedIn = null;
  return 'ok';
}
