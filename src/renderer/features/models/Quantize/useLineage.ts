import { useEffect, useState } from 'react';
import type { Lineage } from '../../../../shared/contract';
import { useClient } from '../../../platform/appStore';

/** Where a file came from, if Caliper produced it (null otherwise, and while asking). */
export function useLineage(path: string): Lineage | null {
  const client = useClient();
  const [result, setResult] = useState<{ path: string; lineage: Lineage | null } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    client.quantize.lineage({ path }, { signal: controller.signal }).then(
      (lineage) => !controller.signal.aborted && setResult({ path, lineage }),
      () => undefined,
    );
    return () => controller.abort();
  }, [client, path]);
  return result?.path === path ? result.lineage : null;
}
