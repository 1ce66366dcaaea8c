import { secretsUnder } from '@bridge/clients-config';

/** The secrets this service uses, the only ones its pod is given: the client's ITSM API or its webhook's signing secret (docs/security.md#secrets-per-service). */
export const SECRETS_USED = secretsUnder('outbound.');
