import { idText, isObject } from '../api-record';
import { ReadHttp, okDataUnlessGone } from '../reconcile/record-reader';
import { latestOf } from '../reconcile/status-setter';

/**
 * Who set a Freshservice ticket's status, which the ticket does not say: its activities do (Freshservice API v2,
 * https://api.freshservice.com/, Tickets, "View Ticket Activities": `GET /api/v2/tickets/{id}/activities` answers
 * `{"activities": [{actor: {id, name}, content, sub_contents, created_at}, …]}`, a status set written in words, as
 * " set Status as Closed", also within a longer text: "created ticket for Ann,  set Status as Open, set Urgency as
 * Low"). The newest activity that set the ticket's current status is its setter.
 *
 * Freshservice says nothing of the list's order, of paging it, of what `sub_contents` holds, nor of the words in
 * another language: the harsher readings are taken. One request, no paging; the newest is picked by time; both
 * `content` and `sub_contents` (texts, or objects with a `content`) are searched; a status named otherwise than
 * `FRESHSERVICE_STATUS_NAMES` (a custom or renamed one, another language) is not found, and its close is not
 * attributed. Its actor may be "System" (an automation), an id like any other: not the bridge's.
 */
export interface FreshserviceStatusActivity {
  actor?: unknown;
  created_at?: unknown;
}

/** The activity that set the status named `statusName`; none when a ticket is gone since it was listed. */
export async function statusActivityOf(http: ReadHttp, ticketId: number, statusName: string): Promise<FreshserviceStatusActivity | undefined> {
  const listed = okDataUnlessGone(await http(`/api/v2/tickets/${ticketId}/activities`), `GET ticket ${ticketId} activities`) as { activities?: unknown } | undefined;
  return newestStatusActivity(Array.isArray(listed?.activities) ? listed.activities : [], statusName);
}

/**
 * The newest activity that set the status to `statusName`, its words left out. Two at one time by different people
 * cannot be told apart (Freshservice gives activities no id): none, rather than the wrong one.
 */
export function newestStatusActivity(activities: readonly unknown[], statusName: string): FreshserviceStatusActivity | undefined {
  const setting = activities.filter(isObject).filter((activity) => statusesSetIn(activity).some((name) => sameName(name, statusName)));
  const latest = latestOf(setting, (activity) => activity.created_at);
  const actors = new Set(latest.map((activity) => idText(isObject(activity.actor) ? activity.actor.id : undefined)));
  return latest.length > 0 && actors.size === 1 ? { actor: latest[0].actor, created_at: latest[0].created_at } : undefined;
}

/** "set Status as X" but not "set Approval Status as X": the words right before "Status" are "set". */
const STATUS_SET = /\bset Status as ([^,]+)/gi;

/** The status names an activity's texts say it set. */
function statusesSetIn(activity: Record<string, unknown>): string[] {
  const subContents = Array.isArray(activity.sub_contents) ? activity.sub_contents : [];
  const texts = [activity.content, ...subContents.map((entry) => (isObject(entry) ? entry.content : entry))].filter((text): text is string => typeof text === 'string');
  return texts.flatMap((text) => [...text.matchAll(STATUS_SET)].map((match) => match[1].trim()));
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;
}
