// `tsx scripts/package/mergeMacUpdateInfoCli.ts a/latest-mac.yml b/latest-mac.yml > latest-mac.yml`
import { readFileSync } from 'node:fs';
import { mergeMacUpdateInfo } from './mergeMacUpdateInfo';

process.stdout.write(mergeMacUpdateInfo(process.argv.slice(2).map((file) => readFileSync(file, 'utf8'))));
