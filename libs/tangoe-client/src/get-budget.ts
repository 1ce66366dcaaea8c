/**
 * Decides when a GET may go to Tangoe: the client asks before each GET. The limit is per API user, not per process,
 * so the budget a service passes in counts the grants of all its replicas (the gateway's, in PostgreSQL).
 */
export interface GetBudget {
  /** Resolves once a GET may go, with the moment the grant counts from (by the budget's own clock). */
  acquire(apiUser: string): Promise<Date>;
}
