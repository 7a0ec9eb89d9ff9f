import { describe, expect, it } from 'vitest';
import { fitBradleyTerry, leaderboard, type Vote } from './bradleyTerry';

const votes = (a: string, b: string, outcome: Vote['outcome'], n: number): Vote[] => Array.from({ length: n }, () => ({ modelA: a, modelB: b, outcome }));

describe('Bradley–Terry leaderboard', () => {
  it('orders models by how often they are preferred, with the stronger model rated higher', () => {
    const board = leaderboard([...votes('x', 'y', 'a', 8), ...votes('x', 'y', 'b', 2), ...votes('y', 'z', 'a', 7), ...votes('y', 'z', 'b', 3)]);
    expect(board.map((e) => e.model)).toEqual(['x', 'y', 'z'].map((path) => ({ kind: 'local', path })));
    expect(board[0]).toMatchObject({ games: 10, wins: 8, losses: 2, ties: 0 });
    for (const e of board) {
      expect(e.low).toBeLessThanOrEqual(e.rating);
      expect(e.high).toBeGreaterThanOrEqual(e.rating);
    }
  });

  it('keeps an undefeated model finite and treats ties and "both bad" as half a win each', () => {
    const ratings = fitBradleyTerry(['x', 'y'], votes('x', 'y', 'a', 5));
    expect(Number.isFinite(ratings.get('x'))).toBe(true);
    expect(ratings.get('x')!).toBeGreaterThan(ratings.get('y')!);
    const even = fitBradleyTerry(['x', 'y'], [...votes('x', 'y', 'tie', 3), ...votes('x', 'y', 'both_bad', 3)]);
    expect(even.get('x')).toBeCloseTo(even.get('y')!, 6);
    expect(even.get('x')).toBeCloseTo(1000, 6);
  });

  it('is symmetric in left and right, and gives the same intervals for the same votes', () => {
    const left = leaderboard(votes('x', 'y', 'a', 6).concat(votes('x', 'y', 'b', 4)));
    const right = leaderboard(votes('y', 'x', 'b', 6).concat(votes('y', 'x', 'a', 4)));
    expect(right.map((e) => Math.round(e.rating))).toEqual(left.map((e) => Math.round(e.rating)));
    expect(leaderboard(votes('x', 'y', 'a', 6).concat(votes('x', 'y', 'b', 4)))).toEqual(left);
  });

  it('gives even a single vote an honest, wide interval', () => {
    const [winner, loser] = leaderboard(votes('x', 'y', 'a', 1));
    expect(winner!.model).toEqual({ kind: 'local', path: 'x' });
    expect(winner!.high - winner!.low).toBeGreaterThan(100);
    expect(loser!.low).toBeLessThan(winner!.rating);
  });

  it('narrows the interval as votes accumulate', () => {
    const width = (n: number) => {
      const [top] = leaderboard([...votes('x', 'y', 'a', 3 * n), ...votes('x', 'y', 'b', n)]);
      return top!.high - top!.low;
    };
    expect(width(20)).toBeLessThan(width(2));
  });
});
