import type { GgufFacts, GgufProblem } from '../../../../shared/contract';
import type { HeaderDetails } from '../../../gguf/ggufDetails';

export interface HeaderRequest {
  id: number;
  path: string;
  /** The whole file's size when `path` holds only its header (see readGgufHeader). */
  declaredSize?: number;
  /** Also return chat templates, tokenizer, license and every metadata key (the inspector). */
  details?: boolean;
}

export type HeaderResponse =
  | { id: number; facts: GgufFacts; details?: HeaderDetails }
  | { id: number; problem: GgufProblem };
