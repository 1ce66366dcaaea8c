import { Inject, Injectable } from '@nestjs/common';
import { ClientConfig, ClientDirectory, resolveSecret } from '@bridge/clients-config';
import { CLIENTS } from '@bridge/platform';
import { GetBudget, TangoeClient, TangoeCredentials } from '@bridge/tangoe-client';
import { GetGrantsRepository } from './get-grants.repository';
import { SharedGetBudget } from './shared-get-budget';
import { GatewayError } from '../gateway.error';

/** Tangoe's limit on GETs per minute per API user, when the client's entry does not set `getsPerMinute` (seeds/README). */
export const TANGOE_GETS_PER_MINUTE = 100;

/**
 * One Tangoe client per client company, built from its configuration: its own base URL, credentials and GET
 * budget, so one company's credentials never serve another's data. Kept per configuration object: once a reload
 * changed a client's entry, its next call is made with the new one (and a new OAuth token); the others keep theirs.
 */
@Injectable()
export class TangoeClients {
  private readonly clients = new WeakMap<ClientConfig, TangoeClient>();
  private readonly budgets = new Map<string, GetBudget>();

  constructor(@Inject(CLIENTS) private readonly directory: ClientDirectory, private readonly grants: GetGrantsRepository) {}

  for(clientId: string): TangoeClient {
    const config = this.directory.get(clientId);
    if (!config) throw new GatewayError('unknown_client', `no client "${clientId}" is configured`);
    let client = this.clients.get(config);
    if (!client) {
      client = new TangoeClient({
        baseUrl: config.tangoe.baseUrl,
        credentials: credentialsOf(config),
        apiUser: config.tangoe.apiUser,
        budget: this.budgetFor(config),
      });
      this.clients.set(config, client);
    }
    return client;
  }

  /** Clients sharing an API user share its budget (its grants are counted in PostgreSQL, whatever the limits say). */
  private budgetFor(config: ClientConfig): GetBudget {
    const key = `${config.tangoe.baseUrl}|${config.tangoe.apiUser}|${config.tangoe.getsPerMinute ?? TANGOE_GETS_PER_MINUTE}|${config.tangoe.reservedShare ?? 0.2}`;
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new SharedGetBudget(this.grants, { limit: config.tangoe.getsPerMinute ?? TANGOE_GETS_PER_MINUTE, reservedShare: config.tangoe.reservedShare ?? 0.2 });
      this.budgets.set(key, budget);
    }
    return budget;
  }
}

function credentialsOf(config: ClientConfig): TangoeCredentials {
  const auth = config.tangoe.auth;
  if (auth.type === 'api-token') return { kind: 'api-token', apiToken: resolveSecret(auth.token!, config.id, 'tangoe.auth.token') };
  return { kind: 'oauth', clientId: auth.clientId!, clientSecret: resolveSecret(auth.clientSecret!, config.id, 'tangoe.auth.clientSecret'), subject: auth.subject! };
}
