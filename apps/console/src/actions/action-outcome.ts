import { DriftRepairRefused } from '@bridge/drift';
import { BothWaysHalfDone } from '@bridge/operations';
import { AdminPeerError } from '../peers/admin-peer.error';

/** One item of an action on many (a replay), and how it went. */
export interface ItemOutcome {
  ref: string;
  label: string;
  status: string;
  error?: string;
  timeline?: string;
}

/** How an action went: `done`, `refused` by a service (a 4xx, a repair not to be made), or `failed` (no answer, a 5xx). */
export interface ActionOutcome {
  outcome: 'done' | 'refused' | 'failed';
  summary: string;
  details?: unknown;
  items?: ItemOutcome[];
}

/** A refusal or a failure of a service as the action's outcome, in the service's own words. */
export function outcomeOfFailure(error: unknown): ActionOutcome {
  if (error instanceof DriftRepairRefused) return { outcome: 'refused', summary: error.message, details: error.item };
  if (error instanceof BothWaysHalfDone) return { outcome: 'failed', summary: error.message, details: error.done };
  if (error instanceof AdminPeerError) return { outcome: error.status >= 400 && error.status < 500 ? 'refused' : 'failed', summary: error.message, details: error.answer };
  return { outcome: 'failed', summary: error instanceof Error ? error.message : String(error) };
}
