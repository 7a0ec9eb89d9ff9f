import { z } from 'zod';

/**
 * What building the engine needs that this installation or machine lacks, as ids the renderer
 * translates: the tools (`git`, `cmake`, a C++ `compiler`, `makeOrNinja`), the inputs a package
 * carries beside its archive (`llamaSource`: the llama.cpp bundle; `addonSources`: node-llama-cpp's
 * addon project; `caliperAddition`: Caliper's generation loop; `nodeApiHeaders`), `nodeLlamaCpp`
 * itself, and a supported system (`os`: not Windows yet).
 */
export const BuildRequirementSchema = z.enum([
  'git',
  'cmake',
  'compiler',
  'makeOrNinja',
  'llamaSource',
  'addonSources',
  'caliperAddition',
  'nodeApiHeaders',
  'nodeLlamaCpp',
  'os',
]);
export type BuildRequirement = z.infer<typeof BuildRequirementSchema>;
