import { ORPCError } from '@orpc/client';

/** The typed error a contract call fails with; fails the test when the call succeeds or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<ORPCError<string, Record<string, unknown>>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ORPCError) return error as ORPCError<string, Record<string, unknown>>;
    throw error;
  }
  throw new Error('expected the call to fail');
}
