import type { DriftItem, DriftKind, DriftRepair } from './drift-item';
import type { ItsmSide, ItsmTicket, TangoeRequest, TangoeSide, TangoeTicket, TicketLinkView } from './drift-sides';

/** Tangoe's states that end a request (seed 000): the ones a client's ITSM must come to know. */
const TANGOE_ENDS: ReadonlySet<string> = new Set(['closed', 'canceled']);

export function isEndedAtTangoe(state: string): boolean {
  return TANGOE_ENDS.has(state);
}

/**
 * The client's tickets whose state at the ITSM and at Tangoe disagree, or that exist on one side only, each with
 * the reason in plain words and, where one action brings it back in step, that repair. Pure: the same two sides
 * give the same items, in the order of their keys. A ticket in step on both sides is not listed; neither is a
 * ticket ended on both sides, nor one ended at the ITSM that never reached Tangoe (the bridge does not open ended
 * tickets), nor a request at Tangoe that is ended or unchanged since the ITSM's read began (the read cannot tell
 * whether its ticket is still there: listing every old request would bury the drift).
 */
export function findDrift(itsm: ItsmSide, tangoe: TangoeSide): DriftItem[] {
  if (itsm.clientId !== tangoe.clientId) throw new Error(`the ITSM side is client ${itsm.clientId}'s and the Tangoe side client ${tangoe.clientId}'s`);
  const atItsm = new Map(itsm.tickets.map((ticket) => [ticket.externalSourceId, ticket]));
  const atTangoe = new Map(tangoe.tickets.map((ticket) => [ticket.externalSourceId, ticket]));
  const keys = [...new Set([...atItsm.keys(), ...atTangoe.keys()])].sort();
  const items: DriftItem[] = [];
  for (const key of keys) {
    const item = driftOf(key, atItsm.get(key), atTangoe.get(key), { since: itsm.since, pause: tangoe.pause });
    if (item) items.push(item);
  }
  return items;
}

interface Context {
  since: string;
  pause?: TangoeSide['pause'];
}

function driftOf(key: string, itsm: ItsmTicket | undefined, tangoe: TangoeTicket | undefined, context: Context): DriftItem | undefined {
  const link = tangoe?.link;
  const request = requestOf(tangoe);
  const item = (kind: DriftKind, reason: string, repair?: DriftRepair): DriftItem => ({
    externalSourceId: key,
    kind,
    reason,
    ...(itsm ? { itsm: { state: itsm.endedAs ? 'ended' : 'open', endedAs: itsm.endedAs, status: itsm.status, knownToBridge: itsm.knownToBridge } } : {}),
    ...(request || link ? { tangoe: { supportRequestId: request?.id ?? link?.supportRequestId ?? undefined, state: request?.state, link: link?.status } } : {}),
    ...(repair ? { repair } : {}),
  });

  if (link?.status === 'parked') {
    return item('parked', `the gateway parked it: ${link.lastError ?? 'no error was recorded'}. Fix the cause, then replay it: it is tried again at once and the changes held with it follow in order`, { action: 'replay' });
  }
  const held = heldOf(link, context.pause);
  if (held) return held.resume ? item('held', held.reason, { action: 'resume' }) : item('held', held.reason);

  if (!itsm) {
    if (!request || isEndedAtTangoe(request.state) || Date.parse(request.updatedAt) < Date.parse(context.since)) return undefined;
    const whose = link?.status === 'linked' ? 'linked by the bridge' : "not made by the bridge (the client's earlier bridge, or by hand)";
    return item(
      'only_at_tangoe',
      `support request ${request.id} is ${request.state} at Tangoe, ${whose}, and the ITSM's read since ${context.since} did not return ${key}: ` +
        `the ticket was deleted at the ITSM, left the client's routing, or has not changed since ${context.since} (a report with an earlier --since tells). ` +
        'No automatic repair: close or cancel the request at Tangoe, or bring the ticket back into the routing',
    );
  }

  if (itsm.endedAs) {
    if (!request || isEndedAtTangoe(request.state)) return undefined;
    const ended = `${itsm.endedAs} at the ITSM (status ${itsm.status ?? 'unknown'}), support request ${request.id} still ${request.state} at Tangoe`;
    if (link?.status === 'linked') {
      return item(
        'ended_at_itsm_only',
        `${ended}: the client's ${itsm.endedAs} never reached Tangoe (a lost webhook, a close the read could not attribute to the client, or Tangoe reopened the request). ` +
          "Sending it makes the client's state change at Tangoe, in the ticket's line",
        { action: 'send_client_state', state: itsm.endedAs, ...(itsm.statusChangeId ? { itsmStatusChangeId: itsm.statusChangeId } : {}) },
      );
    }
    return item('ended_at_itsm_only', `${ended}, and the bridge never linked the two: no automatic repair; close or cancel request ${request.id} at Tangoe by hand`);
  }

  if (!link) {
    if (itsm.knownToBridge) {
      return item(
        request ? 'unlinked' : 'not_at_tangoe',
        `open at the ITSM${request ? ` and at Tangoe (support request ${request.id})` : ', no request at Tangoe'}; the ingress published the ticket but the gateway has no link for it: ` +
          "its TicketOpened is still on its way, or in the gateway's dead-letter topic (look there: onboarding would publish nothing new)",
      );
    }
    if (request) {
      return item(
        'unlinked',
        `open at the ITSM and at Tangoe (support request ${request.id}, ${request.state}), but the bridge never had the ticket: neither side's changes are carried. ` +
          "Onboarding it links the ticket to that request, its history taken as Tangoe's already",
        { action: 'onboard' },
      );
    }
    return item(
      'not_at_tangoe',
      "open at the ITSM and routed to Tangoe, but the bridge never had it (its webhook lost where reconciliation is off or had not begun, or opened before the bridge served the client) and Tangoe has no request for it. " +
        'Onboarding it creates the request, with its comments',
      { action: 'onboard' },
    );
  }

  if (!request) {
    return item('not_at_tangoe', `open at the ITSM and linked to support request ${link.supportRequestId}, which Tangoe's list does not have (deleted at Tangoe?): no automatic repair; ask Tangoe`);
  }
  if (!isEndedAtTangoe(request.state)) return undefined;
  if (link.clientSetState === request.state) {
    return item(
      'ended_at_tangoe_only',
      `${request.state} at Tangoe by the client's own change, which the bridge sent, and open again at the ITSM: Tangoe's API cannot reopen a request. ` +
        'No automatic repair: ask the Account Specialist to reopen it, or end the ticket at the ITSM',
    );
  }
  return item(
    'ended_at_tangoe_only',
    `${request.state} at Tangoe (support request ${request.id}, ${request.updatedAt}), open at the ITSM: Tangoe's ${request.state} never reached the client ` +
      '(its push and the poll missed it, or its delivery failed). Redelivering reads the request again and sends its state to the ITSM as the poll would; ' +
      "if the notifier sent that state before (its delivery parked, or the ticket reopened at the ITSM since), it sends nothing again: see the ticket's timeline in the console",
    { action: 'redeliver_tangoe_state', supportRequestId: request.id, ...(itsm.statusChangeId ? { itsmStatusChangeId: itsm.statusChangeId } : {}) },
  );
}

/**
 * The request the ticket is linked to, else the one onboarding would link it to: the newest still open, else the
 * newest (as the gateway's request index chooses).
 */
function requestOf(tangoe: TangoeTicket | undefined): TangoeRequest | undefined {
  if (!tangoe) return undefined;
  const linkedId = tangoe.link?.supportRequestId;
  if (linkedId !== null && linkedId !== undefined) return tangoe.requests.find((request) => request.id === linkedId);
  return [...tangoe.requests].sort((a, b) => Number(isEndedAtTangoe(a.state)) - Number(isEndedAtTangoe(b.state)) || b.id - a.id)[0];
}

/** Whether the bridge holds something of the ticket back, why, and whether a resume would send it. */
function heldOf(link: TicketLinkView | undefined, pause: Context['pause']): { reason: string; resume: boolean } | undefined {
  if (!link || (link.status !== 'creating' && link.waitingEvents === 0)) return undefined;
  const what = link.status === 'creating' ? 'its creation at Tangoe waits' : `${link.waitingEvents} change(s) for Tangoe wait`;
  if (pause) {
    return { reason: `the client is paused since ${pause.pausedAt}${pause.reason ? ` (${pause.reason})` : ''}: ${what} in the ticket's line. Resuming the client sends what it held, each ticket in order`, resume: true };
  }
  if (link.status === 'creating') {
    return { reason: `being created at Tangoe (${link.createAttempts} attempt(s) so far): the gateway retries, and parks it if Tangoe keeps refusing; nothing to do yet`, resume: false };
  }
  return { reason: `${link.waitingEvents} change(s) on their way to Tangoe in the ticket's line; nothing to do yet`, resume: false };
}
