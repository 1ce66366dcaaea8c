import type { Migration } from '@bridge/persistence';

/**
 * Decides when a GET may go to Tangoe: the client asks before each GET. The limit is per API user, not per process,
 * so the budget a service passes in counts the grants of all its replicas (the gateway's, in PostgreSQL).
 */
export interface GetBudget {
  /** Resolves once a GET may go, with the moment the grant counts from (by the budget's own clock). */
  acquire(apiUser: string): Promise<Date>;
}

/** The gateway's grants table, in its schema. */
export const TANGOE_GET_BUDGET_MIGRATION: Migration = {
  version: 1000,
  name: 'tangoe get budget',
  sql: `
    create table tangoe_get_grants (
      api_user text not null,
      granted_at timestamptz not null
    );
    create index tangoe_get_grants_window on tangoe_get_grants (api_user, granted_at);
  `,
};
