/** The admin routes the drift report and its repairs call, in one place for the CLI and the console. */
export const DRIFT_ROUTES = {
  /** Ingress: the client's routed tickets read through its ITSM's API (`{since?, tickets?}`). */
  itsmSide: (clientId: string) => `/admin/clients/${enc(clientId)}/drift/itsm`,
  /** Gateway: Tangoe's requests for the client, read afresh, with the gateway's ticket links. */
  tangoeSide: (clientId: string, tickets?: readonly string[]) =>
    `/admin/clients/${enc(clientId)}/drift/tangoe${tickets?.length ? `?${tickets.map((ticket) => `ticket=${enc(ticket)}`).join('&')}` : ''}`,
  /** Ingress: onboarding, of these tickets only (`{tickets, since?}`). */
  onboard: (clientId: string) => `/admin/clients/${enc(clientId)}/onboard`,
  /** Gateway: the replay of a parked ticket. */
  replay: (clientId: string, ticket: string) => `/admin/tickets/${enc(clientId)}/${enc(ticket)}/replay`,
  /** Gateway and notifier: the client's resume. */
  resume: (clientId: string) => `/admin/clients/${enc(clientId)}/resume`,
  /** Ingress: the client's end of a ticket, published as the client's state change (`{state, itsmStatusChangeId?}`). */
  clientState: (clientId: string, ticket: string) => `/admin/clients/${enc(clientId)}/drift/tickets/${enc(ticket)}/client-state`,
  /** Gateway: Tangoe's state of a ticket, read again and published for the notifier (`{itsmStatusChangeId?}`). */
  tangoeState: (clientId: string, ticket: string) => `/admin/clients/${enc(clientId)}/drift/tickets/${enc(ticket)}/tangoe-state`,
} as const;

function enc(part: string): string {
  return encodeURIComponent(part);
}
