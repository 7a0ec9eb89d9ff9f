import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import config, { productName } from '../../electron-builder';

const root = join(import.meta.dirname, '..', '..');
const workflowsDir = join(root, '.github', 'workflows');

/** The subset of GitHub Actions' workflow syntax Caliper uses; anything else is a typo until added here. */
const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const EnvSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), Scalar);
const PermissionsSchema = z.union([
  z.enum(['read-all', 'write-all']),
  z.partialRecord(z.enum(['actions', 'attestations', 'checks', 'contents', 'deployments', 'id-token', 'issues', 'packages', 'pages', 'pull-requests', 'statuses']), z.enum(['read', 'write', 'none'])),
]);
const StepSchema = z
  .object({
    name: z.string().optional(),
    id: z.string().optional(),
    if: z.string().optional(),
    uses: z.string().regex(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v\d+(\.\d+)*$/, 'actions are pinned to a major version').optional(),
    run: z.string().optional(),
    shell: z.enum(['bash', 'pwsh', 'sh']).optional(),
    with: z.record(z.string(), Scalar).optional(),
    env: EnvSchema.optional(),
    'timeout-minutes': z.number().optional(),
  })
  .strict()
  .refine((step) => (step.uses === undefined) !== (step.run === undefined), 'a step has exactly one of `uses` and `run`');
const MatrixSchema = z
  .object({ include: z.array(z.record(z.string(), Scalar)).optional(), exclude: z.array(z.record(z.string(), Scalar)).optional() })
  .catchall(z.array(Scalar));
const JobSchema = z
  .object({
    name: z.string().optional(),
    'runs-on': z.union([z.string(), z.array(z.string())]),
    needs: z.union([z.string(), z.array(z.string())]).optional(),
    if: z.string().optional(),
    permissions: PermissionsSchema.optional(),
    'timeout-minutes': z.number().optional(),
    strategy: z.object({ 'fail-fast': z.boolean().optional(), 'max-parallel': z.number().optional(), matrix: MatrixSchema }).strict().optional(),
    env: EnvSchema.optional(),
    steps: z.array(StepSchema).min(1),
  })
  .strict();
const Paths = z.array(z.string()).optional();
const WorkflowSchema = z
  .object({
    name: z.string(),
    on: z
      .object({
        push: z.object({ tags: Paths, branches: Paths, paths: Paths, 'paths-ignore': Paths }).strict().nullable().optional(),
        pull_request: z.object({ branches: Paths, paths: Paths, 'paths-ignore': Paths, types: Paths }).strict().nullable().optional(),
        workflow_dispatch: z.null().optional(),
      })
      .strict(),
    permissions: PermissionsSchema,
    concurrency: z.object({ group: z.string(), 'cancel-in-progress': z.union([z.boolean(), z.string()]).optional() }).strict().optional(),
    env: EnvSchema.optional(),
    jobs: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/), JobSchema),
  })
  .strict();
type Workflow = z.infer<typeof WorkflowSchema>;
type Job = z.infer<typeof JobSchema>;

const files = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));
const load = (file: string): Workflow => WorkflowSchema.parse(parse(readFileSync(join(workflowsDir, file), 'utf8')));
const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

describe('GitHub workflows', () => {
  it.each(files)('%s follows the schema, and what it references exists', (file) => {
    const workflow = load(file);
    for (const [id, job] of Object.entries(workflow.jobs)) {
      for (const need of [job.needs ?? []].flat()) expect(Object.keys(workflow.jobs), `${id} needs ${need}`).toContain(need);
      // Every matrix value a job uses is defined by every matrix entry.
      const text = JSON.stringify(job);
      const used = new Set([...text.matchAll(/matrix\.([\w-]+)/g)].map((m) => m[1]!));
      for (const entry of job.strategy?.matrix.include ?? []) for (const key of used) expect(entry, `${id}: matrix.${key}`).toHaveProperty(key);
      // `npm run X` names a script of package.json.
      for (const step of job.steps) for (const [, script] of (step.run ?? '').matchAll(/npm run (?:-s )?([\w:-]+)/g)) expect(scripts).toContain(script);
    }
  });

  describe('release.yml', () => {
    const release = load('release.yml');
    const build = release.jobs.package as Job;
    const steps = build.steps;
    const include = build.strategy?.matrix.include ?? [];

    it('runs on a version tag and on pull requests', () => {
      expect(release.on.push?.tags).toEqual(['v*']);
      expect(release.on).toHaveProperty('pull_request');
    });

    it('builds on macOS arm64 and x64, Windows and Linux runners', () => {
      const targets = include.map((e) => `${e.platform} ${e.arch} ${e.os}`);
      expect(targets).toEqual(expect.arrayContaining([expect.stringMatching(/^mac arm64 macos-/), expect.stringMatching(/^mac x64 macos-/), expect.stringMatching(/^win x64 windows-/), expect.stringMatching(/^linux x64 ubuntu-/)]));
      expect(build['runs-on']).toBe('${{ matrix.os }}');
    });

    it('tests the packaged app where electron-builder puts it, after checking its fuses', () => {
      const names = steps.map((s) => s.run ?? s.uses);
      const fuses = names.findIndex((r) => r === 'npm run check:fuses -- dist');
      const e2e = steps.findIndex((s) => /npx playwright test --project electron/.test(s.run ?? ''));
      const dist = names.findIndex((r) => /^npm run dist /.test(r ?? ''));
      expect([dist >= 0, fuses > dist, e2e > fuses]).toEqual([true, true, true]);
      expect(steps[e2e]!.env?.CALIPER_E2E_APP).toBe('${{ matrix.app }}');
      for (const entry of include) {
        const expected = {
          linux: `dist/linux-unpacked/${config.executableName}`,
          win: `dist/win-unpacked/${productName}.exe`,
          mac: `dist/mac${entry.arch === 'arm64' ? '-arm64' : ''}/${productName}.app/Contents/MacOS/${productName}`,
        }[entry.platform as 'linux' | 'win' | 'mac'];
        expect(entry.app, String(entry.name)).toBe(expected);
      }
    });

    it('signs only where the secrets exist, and builds unsigned (saying so) where they do not', () => {
      const signed = steps.find((s) => s.name === 'Build installers (signed)')!;
      const unsigned = steps.find((s) => s.name === 'Build installers (unsigned)')!;
      expect(signed.if).toMatch(/HAS_MAC_CERT == 'true'.*HAS_WIN_CERT == 'true'/);
      expect(unsigned.if).toBe(`\${{ !(${signed.if!.replace(/^\$\{\{ | \}\}$/g, '')}) }}`);
      expect(unsigned.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
      expect(signed.env).toMatchObject({ CSC_LINK: '${{ secrets.CSC_LINK }}', APPLE_ID: '${{ secrets.APPLE_ID }}', WIN_CSC_LINK: '${{ secrets.WIN_CSC_LINK }}' });
      // Secrets reach no other step; the job only learns whether they exist.
      for (const step of steps.filter((s) => s !== signed)) expect(JSON.stringify(step), step.name).not.toContain('secrets.');
      expect(build.env?.HAS_MAC_CERT).toBe("${{ secrets.CSC_LINK != '' }}");
    });

    it('uploads the installers of every runner', () => {
      const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && String(s.with?.path).includes('.dmg'))!;
      expect(String(upload.with?.path).split('\n').filter(Boolean)).toEqual(
        expect.arrayContaining(['dist/*.dmg', 'dist/*.zip', 'dist/*.exe', 'dist/*.AppImage', 'dist/*.deb', 'dist/*.yml']),
      );
      expect(upload.with?.['if-no-files-found']).toBe('error');
      expect(upload.with?.name).toContain('${{ matrix.platform }}-${{ matrix.arch }}');
    });

    it('publishes only from a tag: pull requests build the same and publish nothing', () => {
      for (const step of steps.filter((s) => /npm run dist/.test(s.run ?? ''))) expect(step.run).toMatch(/--publish never$/);
      expect(release.permissions).toEqual({ contents: 'read' });
      const writers = Object.entries(release.jobs).filter(([, job]) => typeof job.permissions === 'object' && job.permissions.contents === 'write');
      expect(writers.map(([id]) => id)).toEqual(['publish']);
      const publish = release.jobs.publish!;
      expect(publish.if).toBe("${{ startsWith(github.ref, 'refs/tags/v') }}");
      expect(publish.needs).toBe('package');
      expect(publish.steps.some((s) => /gh release create .*--draft/.test(s.run ?? ''))).toBe(true);
    });
  });
});
