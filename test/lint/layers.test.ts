import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `filePath` and returns the import-rule messages. */
async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === null)
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the import table of ARCHITECTURE.md is enforced by lint', () => {
  it.each([
    ['src/shared/contract/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src/shared/contract/bad.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n"],
    ['src/shared/contract/bad.ts', "import React from 'react';\nexport const x = React;\n"],
    ['src/renderer/app/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['src/renderer/app/bad.ts', "import { createApp } from '../../main/composition';\nexport const x = createApp;\n"],
    ['src/main/services/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/main/services/bad.ts', "import { getLlama } from 'node-llama-cpp';\nexport const x = getLlama;\n"],
    ['src/main/engineProcess/host/bad.ts', "import { openDatabase } from '../../storage/database';\nexport const x = openDatabase;\n"],
    ['src/preload/bad.ts', "import { contract } from '../shared/contract';\nexport const x = contract;\n"],
    ['src/renderer/features/models/bad.ts', "import { SettingsView } from '../settings/SettingsView/SettingsView';\nexport const x = SettingsView;\n"],
    ['src/renderer/features/models/ModelRow/bad.ts', "import { useGpuInfo } from '../../settings/useGpuInfo';\nexport const x = useGpuInfo;\n"],
    ['src/renderer/features/models/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src/main/electron/bad.ts', "import { fork } from 'node:child_process';\nexport const x = fork;\n"],
    ['src/main/index.ts', "import { spawn } from 'child_process';\nexport const x = spawn;\n"],
  ])('%s: rejects %s', async (filePath, code) => {
    const errors = await importErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^no-restricted-imports: /);
  });

  it.each([
    ['src/main/engineProcess/host/ok.ts', "import { getLlama } from 'node-llama-cpp';\nexport const x = getLlama;\n"],
    ['src/main/services/library/worker/ok.ts', "import { getLlama } from 'node-llama-cpp';\nexport const x = getLlama;\n"],
    ['src/main/services/ok.ts', "import type { Llama } from 'node-llama-cpp';\nexport type X = Llama;\n"],
    ['src/main/electron/ok.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/renderer/app/ok.ts', "import { contract } from '../../shared/contract';\nexport const x = contract;\n"],
    ['src/renderer/app/ok.ts', "import { SettingsView } from '../features/settings/SettingsView/SettingsView';\nexport const x = SettingsView;\n"],
    ['src/renderer/features/models/ok.ts', "import { Section } from '../../ui/Section/Section';\nexport const x = Section;\n"],
    ['src/preload/ok.ts', "import type { AppContract } from '../shared/contract';\nexport type X = AppContract;\n"],
  ])('%s: allows %s', async (filePath, code) => {
    expect(await importErrors(filePath, code)).toEqual([]);
  });
});
