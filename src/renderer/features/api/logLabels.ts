import type { TFunction } from 'i18next';
import { HOST_TOKEN_KEY_NAME } from '../../../shared/contract';

/** Which key a request used, in words: the key's name, the host's token, or none. */
export function keyLabel(t: TFunction, keyName: string | null): string {
  if (keyName === null) return t('api.log.noKey');
  if (keyName === HOST_TOKEN_KEY_NAME) return t('api.log.hostToken');
  return keyName;
}

/** Success green; refused or malformed yellow; the client hung up (499) grey; Caliper's fault red. */
export function statusColor(status: number): string {
  if (status >= 200 && status < 300) return 'green';
  if (status === 499) return 'gray';
  if (status >= 400 && status < 500) return 'yellow';
  return 'red';
}
