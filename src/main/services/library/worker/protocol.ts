import type { GgufFacts, GgufProblem } from '../../../../shared/contract';

export interface HeaderRequest {
  id: number;
  path: string;
}

export type HeaderResponse = { id: number; facts: GgufFacts } | { id: number; problem: GgufProblem };
