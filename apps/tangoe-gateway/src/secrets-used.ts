import { secretsUnder } from '@bridge/clients-config';

/** The secrets this service uses, the only ones its pod is given: Tangoe's API and the activity reports' SFTP (docs/security.md#secrets-per-service). */
export const SECRETS_USED = secretsUnder('tangoe.auth.', 'activities.report.');
