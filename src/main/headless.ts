import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { builtEntryPoints } from './base/entryPoints';
import { resourcesDirBeside } from './base/resourcesDir';
import { createApp } from './composition';
import { startHttpHost } from './server/httpHost';
import { HostSecret } from './server/hostSecret';
import { isLoopbackHost } from './server/boundary';
import { OpenAiRoutes } from './server/api/openAiRoutes';
import { cliTranslator } from './base/cliTranslator';
import { DatabaseTooNewError } from './storage/database';
import packageJson from '../../package.json';

/**
 * The headless host: the same services as the desktop app, behind HTTP + WebSocket on 127.0.0.1,
 * serving the same renderer to a browser. Started by `npm run serve`.
 */

const t = cliTranslator();
/** A chosen `--token` shorter than this is refused: the login is throttled, not unbreakable. */
const MIN_TOKEN_LENGTH = 16;
const here = dirname(fileURLToPath(import.meta.url));

function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'caliper');
}

function parse() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4750' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'models-dir': { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(t('cli.usage'));
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(t('cli.badPort', { value: values.port ?? '' }));
    process.exit(2);
  }
  const token = values.token ?? process.env.CALIPER_TOKEN;
  if (token !== undefined && (token.length < MIN_TOKEN_LENGTH || /\s/.test(token))) {
    console.error(t('cli.badToken', { min: MIN_TOKEN_LENGTH }));
    process.exit(2);
  }
  const host = values.host ?? '127.0.0.1';
  // Beyond loopback the secret is all that stands between the network and the user's files: it
  // must be one the user chose and keeps, not one printed on a terminal others may see.
  if (!isLoopbackHost(host) && token === undefined) {
    console.error(t('cli.exposedNeedsToken', { host }));
    process.exit(2);
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  return {
    port,
    host,
    token,
    dataDir,
    modelsDir: resolve(values['models-dir'] ?? join(dataDir, 'models')),
  };
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    console.error(t('cli.badArgs', { detail: (error as Error).message }));
    process.exit(2);
  }
  if (!isLoopbackHost(args.host)) console.warn(t('cli.exposedWarning', { host: args.host }));
  const secret = args.token === undefined ? HostSecret.generate() : new HostSecret(args.token);

  let app: ReturnType<typeof createApp>;
  try {
    app = createApp({
      appVersion: packageJson.version,
      shell: 'headless',
      dataDir: args.dataDir,
      modelsDir: args.modelsDir,
      entryPoints: builtEntryPoints(here),
      resourcesDir: resourcesDirBeside(here),
      hubEndpointEnv: process.env.HF_ENDPOINT,
    });
  } catch (error) {
    if (error instanceof DatabaseTooNewError) console.error(t('cli.databaseTooNew', { version: error.version }));
    else console.error(t('cli.startFailed', { detail: (error as Error).message }));
    process.exit(1);
  }
  if (app.services.storageNotice) {
    console.warn(t(`cli.storage.${app.services.storageNotice.kind}`, { file: app.services.storageNotice.damagedFile }));
  }

  let server: Awaited<ReturnType<typeof startHttpHost>>;
  try {
    server = await startHttpHost({
      page: { router: app.router, rendererDir: join(here, '..', 'renderer'), secret },
      api: new OpenAiRoutes(app.services.api, app.services.settings),
      corsOrigins: () => app.services.settings.get().apiCorsOrigins,
      host: args.host,
      port: args.port,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') console.error(t('cli.portInUse', { port: args.port }));
    else if (code === 'EACCES') console.error(t('cli.portDenied', { port: args.port }));
    else console.error(t('cli.startFailed', { detail: (error as Error).message }));
    await app.dispose();
    process.exit(1);
  }

  app.services.api.setStatus({ serving: true, baseUrl: `${server.url}v1`, hostTokenAccepted: true });
  // The URL carries the secret once; the page trades it for a cookie and drops it from the address bar.
  console.log(t('cli.listening', { url: `${server.url}?token=${encodeURIComponent(secret.token)}` }));
  console.log(t('cli.api', { url: `${server.url}v1` }));
  console.log(t('cli.dataDir', { dir: args.dataDir }));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(t('cli.stopping', { signal }));
    await server.close();
    await app.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
