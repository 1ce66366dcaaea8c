import { SecretsUsed, secretsUnder } from '@bridge/clients-config';
import { readsItsmApi } from './reconciliation/reconcile-scheduler';

/**
 * The secrets of a client this service uses, the only ones its pod is given (docs/security.md#secrets-per-service):
 * the webhooks' and pushes' credentials, and the ITSM's API credentials of a client reconciliation reads (not a
 * generic webhook target's token, which only the notifier sends).
 */
export const SECRETS_USED: SecretsUsed = (field, client) =>
  secretsUnder('inbound.', 'tangoe.push.', 'activities.push.')(field, client) || (field.startsWith('outbound.auth.') && readsItsmApi(client));
