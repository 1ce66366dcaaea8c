import type { AxiosInstance } from 'axios';
import type { ClientConfig } from '@bridge/clients-config';
import type { DeliveredBefore, EarlierAttempt } from './earlier-attempt';
import type { OutboundAdapter, RenderedUpdate } from './outbound-adapter';

/** A request as a fake ITSM's route sees it. */
export interface FakeRequest {
  path: string;
  params: Record<string, unknown>;
  body: unknown;
  match: RegExpExecArray;
}

export interface FakeAnswer {
  status: number;
  data?: unknown;
  headers?: Record<string, string>;
}

/**
 * An ITSM's API for an outbound adapter's spec: routes keyed `"METHOD regex"` over the path, answering a route not
 * given with 404; every call written down as `"METHOD path"`; and the next call of a method (to a path ending so,
 * when named) failed on demand, an answer given before anything is stored (a 503 to the close's PUT).
 */
export function fakeItsmHttp(routes: Record<string, (request: FakeRequest) => FakeAnswer>) {
  const calls: string[] = [];
  const failures: Array<{ method: string; status: number; pathEnd?: string }> = [];
  const table = Object.entries(routes).map(([key, handle]) => {
    const [method, pattern] = key.split(' ', 2);
    return { method, pattern: new RegExp(`^${pattern}$`), handle };
  });
  const answer = async (method: string, path: string, config: { params?: Record<string, unknown> } | undefined, body?: unknown) => {
    calls.push(`${method} ${path}`);
    const failing = failures.findIndex((failure) => failure.method === method && path.endsWith(failure.pathEnd ?? ''));
    if (failing >= 0) return { status: failures.splice(failing, 1)[0].status, data: { error: 'failed on demand' }, headers: {} };
    for (const route of table) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (match) return { headers: {}, ...route.handle({ path, params: config?.params ?? {}, body, match }) };
    }
    return { status: 404, data: {}, headers: {} };
  };
  const http = {
    get: (path: string, config?: { params?: Record<string, unknown> }) => answer('GET', path, config),
    post: (path: string, body: unknown, config?: { params?: Record<string, unknown> }) => answer('POST', path, config, body),
    put: (path: string, body: unknown, config?: { params?: Record<string, unknown> }) => answer('PUT', path, config, body),
    patch: (path: string, body: unknown, config?: { params?: Record<string, unknown> }) => answer('PATCH', path, config, body),
  } as unknown as AxiosInstance;
  return { http, calls, failNext: (method: string, status: number, pathEnd?: string) => failures.push({ method, status, pathEnd }) };
}

/** Sends an update as the notifier's delivery of it, and says when it was under way, as the delivery log keeps it. */
export async function deliver(update: RenderedUpdate, send: () => Promise<{ status: number }>): Promise<DeliveredBefore> {
  const began = new Date();
  const answer = await send();
  if (answer.status < 200 || answer.status >= 300) throw new Error(`the ${update.kind} was answered ${answer.status}`);
  return { update, began, delivered: new Date() };
}

/** A send after an earlier attempt that began now, the record's earlier deliveries given. */
export function retryAfter(deliveredBefore: DeliveredBefore[], since = new Date()): EarlierAttempt {
  return { since, deliveredBefore };
}

/** Renders a note or a close of the spec's ticket, with the text it carries. */
export type RenderKind = (kind: 'note' | 'close', text: string) => RenderedUpdate;

/**
 * The lost close, on one adapter: a note delivered, then a close carrying its text whose first attempt is refused
 * before anything of it lands (`refuse` sets that up), checked, sent again and checked again, as the notifier does.
 * What each step said, for the spec to hold against what the ITSM now shows.
 */
export async function closeAfterNoteRefusedOnce(outbound: OutboundAdapter, client: ClientConfig, http: AxiosInstance, render: RenderKind, refuse: () => void) {
  const note = render('note', 'Replaced.');
  const noted = await deliver(note, () => outbound.send(http, note, client, {}));
  const close = render('close', 'Replaced.');
  const since = new Date();
  refuse();
  const refused = await outbound.send(http, close, client, {});
  const earlier = retryAfter([noted], since);
  const before = await outbound.alreadyApplied!(http, close, client, earlier);
  const sent = await outbound.send(http, close, client, {}, earlier);
  const after = await outbound.alreadyApplied!(http, close, client, earlier);
  return { close, earlier, refused, before, sent, after };
}

/**
 * Tangoe's user writes "ok" twice: the second note is sent like the first, and a retry of it is decided by how many
 * there are, checked with its entry at the ITSM and again once `dropLast` has taken that entry away.
 */
export async function sameNoteTwice(outbound: OutboundAdapter, client: ClientConfig, http: AxiosInstance, render: RenderKind, dropLast: () => void) {
  const ok = render('note', 'ok');
  const first = await deliver(ok, () => outbound.send(http, ok, client, {}));
  const since = new Date();
  const sent = await outbound.send(http, ok, client, {});
  const landed = await outbound.alreadyApplied!(http, ok, client, retryAfter([first], since));
  dropLast();
  const lost = await outbound.alreadyApplied!(http, ok, client, retryAfter([first], since));
  return { sent, landed, lost };
}

/** `closeAfterNoteRefusedOnce`, held to what every adapter does: refused, not there, sent (answered `sent`), then there. */
export async function closeSentOnceAfterRefusal(outbound: OutboundAdapter, client: ClientConfig, http: AxiosInstance, render: RenderKind, refuse: () => void, sent: number) {
  const run = await closeAfterNoteRefusedOnce(outbound, client, http, render, refuse);
  expect(run).toMatchObject({ refused: { status: 503 }, before: false, sent: { status: sent }, after: true });
  return run;
}

/** `sameNoteTwice`, held to what every adapter does: the second "ok" sent (answered `sent`), a retry of it decided by count. */
export async function sameNoteSentAndCounted(outbound: OutboundAdapter, client: ClientConfig, http: AxiosInstance, render: RenderKind, dropLast: () => void, sent: number): Promise<void> {
  expect(await sameNoteTwice(outbound, client, http, render, dropLast)).toMatchObject({ sent: { status: sent }, landed: true, lost: false });
}
