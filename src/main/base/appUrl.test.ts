import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppPage, rendererFileFor } from './appUrl';

const root = '/opt/caliper/out/renderer';

describe('the app:// protocol', () => {
  it('serves files of the renderer folder, and the index page for /', () => {
    expect(rendererFileFor(root, APP_INDEX_URL)).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://caliper/')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://caliper/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(rendererFileFor(root, 'app://caliper/assets/KaTeX%20Main.woff2')).toBe(join(root, 'assets', 'KaTeX Main.woff2'));
  });

  it('refuses paths that leave the folder, other hosts and schemes, and NUL bytes', () => {
    // The URL parser already folds encoded dot segments: what remains is inside the folder.
    expect(rendererFileFor(root, 'app://caliper/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    for (const url of [
      'app://caliper/..%2f..%2fetc/passwd',
      'app://caliper/assets/..%5c..%5c..%5csecret',
      'app://caliper/index.html%00.js',
      'app://other/index.html',
      'file:///opt/caliper/out/renderer/index.html',
      'app://caliper/%E0%A4%A',
      'not a url',
    ]) {
      expect(rendererFileFor(root, url), url).toBeNull();
    }
  });

  it('recognises only the app page itself as the window’s page', () => {
    expect(isAppPage(APP_INDEX_URL)).toBe(true);
    expect(isAppPage(`${APP_INDEX_URL}#/models?open=%2Fm.gguf`)).toBe(true);
    expect(isAppPage('app://caliper/assets/x.js')).toBe(false);
    expect(isAppPage('app://evil/index.html')).toBe(false);
    expect(isAppPage('https://caliper/index.html')).toBe(false);
    expect(isAppPage('file:///opt/caliper/out/renderer/index.html')).toBe(false);
  });
});
