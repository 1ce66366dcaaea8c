import { DriftPeers, repairDrift } from '@bridge/drift';
import { onboardClient, pauseBothWays, resumeBothWays } from '@bridge/operations';
import type { ParkedReplay } from '@bridge/platform';
import { readClient } from '../clients/client-readings';
import type { BridgeServiceApis, BridgeServices } from '../peers/bridge-services';
import { WaitingItem, parseWaitingRef, waitingItems } from '../waiting/waiting-list';
import { readWaitingLists } from '../waiting/waiting-readings';
import { ActionRequest, invalid } from './action-request';
import type { ActionOutcome, ItemOutcome } from './action-outcome';

/** What the confirmation page says before an action is done. */
export interface ActionPlan {
  heading: string;
  effects: string[];
  confirmLabel: string;
  cancelHref: string;
  /** The request, carried by the confirmation's form. */
  fields: Array<{ name: string; value: string }>;
}

export interface ConsoleAction {
  /** The services' answers may take minutes (an ITSM walked through its read budget). */
  readonly wait: 'short' | 'long';
  /** The fields the action needs. */
  readonly needs: ReadonlyArray<'clientId' | 'ticket' | 'items'>;
  heading(request: ActionRequest): string;
  /**
   * What it will do, said before it is done, with what the services say now where it helps to decide; or, for an
   * action whose confirmation is a page of its own (the onboarding's dry run), where that page is.
   */
  plan(request: ActionRequest, services: BridgeServices): Promise<Omit<ActionPlan, 'heading' | 'fields'> | { confirmAt: string }>;
  /** `apis` act for the operator; `services` read what a page reads. */
  run(request: ActionRequest, apis: BridgeServiceApis, services: BridgeServices): Promise<ActionOutcome>;
}

/** How long an onboarding run waits for the gateway before it answers with how far it got. */
const ONBOARDING_WAIT_MS = 60_000;

const clientPage = (clientId: string | undefined) => `/clients/${encodeURIComponent(clientId ?? '')}`;

/** The operator's actions, by the name in `/actions/{name}`. */
export const CONSOLE_ACTIONS = {
  pause: {
    wait: 'short',
    needs: ['clientId'],
    heading: (request) => `Pause ${request.clientId} both ways`,
    async plan(request, services) {
      const { overview } = await readClient(services, request.clientId!);
      return {
        effects: [
          `Pause ${request.clientId} toward its ITSM (at the notifier), then toward Tangoe (at the gateway).`,
          "Tangoe's updates and the client's changes are still taken and kept, each ticket in its order; nothing of theirs is sent until you resume.",
          ...(overview ? [`Waiting now: ${overview.waitingTowardTangoe ?? '?'} toward Tangoe, ${overview.waitingTowardItsm ?? '?'} toward its ITSM.`] : []),
          request.reason ? `The pause's reason: ${request.reason}` : 'No reason given: the clients page will show none.',
        ],
        confirmLabel: 'Pause both ways',
        cancelHref: clientPage(request.clientId),
      };
    },
    async run(request, apis) {
      const answers = await pauseBothWays(apis, request.clientId!, request.reason);
      return { outcome: 'done', summary: `${request.clientId} is paused both ways.`, details: answers };
    },
  },
  resume: {
    wait: 'short',
    needs: ['clientId'],
    heading: (request) => `Resume ${request.clientId}`,
    async plan(request, services) {
      const { overview } = await readClient(services, request.clientId!);
      return {
        effects: [
          `Resume ${request.clientId} toward Tangoe (at the gateway), then toward its ITSM (at the notifier).`,
          `What the pause held is sent, each ticket in its order${overview ? `: ${overview.waitingTowardTangoe ?? '?'} event(s) toward Tangoe, ${overview.waitingTowardItsm ?? '?'} toward its ITSM` : ''}.`,
        ],
        confirmLabel: 'Resume',
        cancelHref: clientPage(request.clientId),
      };
    },
    async run(request, apis) {
      const answers = await resumeBothWays(apis, request.clientId!);
      return { outcome: 'done', summary: `${request.clientId} is resumed: what waited is on its way, each ticket in order.`, details: answers };
    },
  },
  'enable-endpoint': {
    wait: 'short',
    needs: ['clientId'],
    heading: (request) => `Re-enable the endpoint of ${request.clientId}`,
    async plan(request) {
      return {
        effects: [
          `Take ${request.clientId}'s ITSM endpoint as fixed: the deliveries its 410 Gone parked go back in line, then everything it held, each ticket in order.`,
          'A slow-down its ITSM asked for (429, Retry-After) ends now too.',
        ],
        confirmLabel: 'Re-enable',
        cancelHref: clientPage(request.clientId),
      };
    },
    async run(request, apis) {
      const answer = (await apis.notifier.post(`/admin/endpoints/${encodeURIComponent(request.clientId!)}/enable`)) as { requeued?: number };
      return { outcome: 'done', summary: `The endpoint of ${request.clientId} is enabled; ${answer.requeued ?? 0} parked deliveries went back in line.`, details: answer };
    },
  },
  reconcile: {
    wait: 'short',
    needs: ['clientId'],
    heading: (request) => `Reconcile ${request.clientId} now`,
    async plan(request) {
      return {
        effects: [
          `Read ${request.clientId}'s ITSM now (at the ingress) for the changes since the last reading, inside its read budget, instead of at the next interval.`,
          "Each change the webhooks did not bring goes to Tangoe as a webhook's would; nothing already carried is sent twice.",
        ],
        confirmLabel: 'Reconcile now',
        cancelHref: clientPage(request.clientId),
      };
    },
    async run(request, apis) {
      const answer = await apis.ingress.post(`/admin/reconciliation/${encodeURIComponent(request.clientId!)}/run`);
      return { outcome: 'done', summary: `The reconciliation of ${request.clientId} is due now: the clients page shows what it found once it ran.`, details: answer };
    },
  },
  onboard: {
    wait: 'long',
    needs: ['clientId'],
    heading: (request) => `Onboard ${request.clientId}`,
    async plan(request) {
      // The dry run's page is this action's confirmation: it says ticket by ticket what a run will do.
      return { confirmAt: `${clientPage(request.clientId)}/onboarding${request.since ? `?since=${encodeURIComponent(request.since)}` : ''}` };
    },
    async run(request, apis) {
      const run = await onboardClient(apis, request.clientId!, { since: request.since, dryRun: false, waitMs: ONBOARDING_WAIT_MS });
      if (run.dryRun) throw new Error('an onboarding run answered as a dry run');
      return {
        outcome: 'done',
        summary: `Published ${run.published} ticket(s) of ${request.clientId}: ${run.linkedToExisting} linked to Tangoe's requests, ${run.created} created, ${run.waiting} still waiting, ${run.parked} parked.${run.note ? ` ${run.note}.` : ''}`,
        details: run,
      };
    },
  },
  'drift-repair': {
    wait: 'long',
    needs: ['clientId', 'ticket'],
    heading: (request) => `Repair the drift of ${request.ticket}`,
    async plan(request) {
      return {
        effects: [
          `Check ${request.ticket} of ${request.clientId} again, at its ITSM and at Tangoe${request.since ? `, over the ITSM's changes since ${request.since}` : ''}.`,
          'If it still drifts, make the repair the report names for it, through the service that makes it; if it is in step by now, do nothing.',
        ],
        confirmLabel: 'Repair',
        cancelHref: `${clientPage(request.clientId)}/drift${request.since ? `?since=${encodeURIComponent(request.since)}` : ''}`,
      };
    },
    async run(request, apis) {
      const peers: DriftPeers = { ingress: apis.ingress, gateway: apis.gateway, resumeClient: (clientId) => resumeBothWays(apis, clientId) };
      const repaired = await repairDrift(peers, request.clientId!, request.ticket!, { since: request.since });
      return { outcome: 'done', summary: `${request.ticket} was ${repaired.kind}: ${repaired.repair.action} made.`, details: repaired };
    },
  },
  replay: {
    wait: 'short',
    needs: ['items'],
    heading: (request) => `Replay ${request.items.length} parked item(s)`,
    async plan(request, services) {
      const waiting = await readWaiting(services);
      return {
        effects: request.items.map((ref) => {
          const item = waiting.get(ref);
          return item
            ? `Replay ${item.what ?? 'the item'} of ${item.clientId ?? '?'} ${item.externalSourceId ?? item.key ?? ''} at the ${item.holder} (${item.attempts} attempt(s); last: ${item.error}).`
            : `${ref}: no longer waiting; it will be skipped.`;
        }),
        confirmLabel: `Replay ${request.items.length}`,
        cancelHref: '/waiting',
      };
    },
    async run(request, apis, services) {
      // What the list says of each item now: its label and its ticket's timeline, where a replay's outcome shows. A
      // service that does not list now leaves its items unlabelled; their replay says for itself how it went.
      const parked = await readWaiting(services);
      const items: ItemOutcome[] = [];
      // One after another: items of one ticket keep their order, and a failure is answered for that item alone.
      for (const ref of request.items) {
        const { holder, id } = parseWaitingRef(ref)!;
        const item = parked.get(ref);
        const described = {
          ref,
          label: item ? `${item.what ?? 'item'} of ${item.clientId ?? '?'} ${item.externalSourceId ?? item.key ?? ''} at the ${holder}` : `${id} at the ${holder}`,
          timeline: item?.clientId && item.externalSourceId ? `/tickets/${encodeURIComponent(item.clientId)}/${encodeURIComponent(item.externalSourceId)}` : undefined,
        };
        try {
          const replayed = (await apis[holder].post(`/admin/parked/${encodeURIComponent(id)}/replay`)) as ParkedReplay;
          items.push({ ...described, status: replayed.status, error: replayed.error ?? undefined });
        } catch (error) {
          items.push({ ...described, status: 'not replayed', error: error instanceof Error ? error.message : String(error) });
        }
      }
      const refused = items.filter((item) => item.status === 'not replayed').length;
      return {
        outcome: refused === items.length ? 'refused' : 'done',
        summary: `${items.length - refused} of ${items.length} item(s) replayed${refused > 0 ? `; ${refused} not` : ''}.`,
        items,
      };
    },
  },
} satisfies Record<string, ConsoleAction>;

export type ActionName = keyof typeof CONSOLE_ACTIONS;

export function actionNamed(name: string): ConsoleAction {
  if (!Object.hasOwn(CONSOLE_ACTIONS, name)) throw invalid(`no action "${name}": ${Object.keys(CONSOLE_ACTIONS).join(', ')}`);
  return CONSOLE_ACTIONS[name as ActionName];
}

async function readWaiting(services: BridgeServices): Promise<Map<string, WaitingItem>> {
  return new Map(waitingItems(await readWaitingLists(services)).map((item) => [item.ref, item]));
}
