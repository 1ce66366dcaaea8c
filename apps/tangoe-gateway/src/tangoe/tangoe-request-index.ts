import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, SETTINGS, ServiceSettings } from '@bridge/platform';
import type { TangoeSupportRequest } from '@bridge/tangoe-client';
import type { Logger } from 'pino';
import { TangoeClients } from './tangoe-clients';

/** Tangoe's largest page (`per_page` at most 999). */
const PAGE_SIZE = 999;

interface Listing {
  loadedAt: number;
  byExternalSourceId: Promise<Map<string, TangoeSupportRequest>>;
}

/**
 * Every support request at a client's Tangoe by `external_source_id`, for onboarding: a thousand tickets looked up
 * one GET each would take ten minutes of Tangoe's 100 GETs a minute, where the whole list, 999 a page, takes one GET
 * per 999 requests. The list is read once and kept a minute (TANGOE_INDEX_TTL_MS) for the tickets of one
 * onboarding; a request made after it was read is not in it, which is why the client's earlier bridge must be
 * stopped before onboarding (docs/runbook.md). Pages are ordered by id, so a request made while the list is read
 * lands on a later page and none is skipped.
 */
@Injectable()
export class TangoeRequestIndex {
  private readonly listings = new Map<string, Listing>();

  constructor(
    private readonly tangoe: TangoeClients,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async find(clientId: string, externalSourceId: string): Promise<TangoeSupportRequest | undefined> {
    return (await this.listing(clientId)).get(externalSourceId);
  }

  /**
   * Every request of the client read afresh (the drift report), oldest first, duplicates included. The listing kept
   * for onboarding is replaced by it: a drift repair's onboarding then looks its ticket up in a list of now.
   */
  async readAfresh(clientId: string): Promise<TangoeSupportRequest[]> {
    const requests = await this.listAll(clientId);
    this.listings.set(clientId, { loadedAt: Date.now(), byExternalSourceId: Promise.resolve(indexByExternalSourceId(requests)) });
    return requests;
  }

  private listing(clientId: string): Promise<Map<string, TangoeSupportRequest>> {
    const ttl = this.settings.TANGOE_INDEX_TTL_MS;
    const cached = this.listings.get(clientId);
    if (cached && Date.now() - cached.loadedAt < ttl) return cached.byExternalSourceId;
    const byExternalSourceId = this.load(clientId);
    this.listings.set(clientId, { loadedAt: Date.now(), byExternalSourceId });
    // A listing that failed is not kept: the next ticket reads it again.
    byExternalSourceId.catch(() => this.listings.delete(clientId));
    return byExternalSourceId;
  }

  private async load(clientId: string): Promise<Map<string, TangoeSupportRequest>> {
    return indexByExternalSourceId(await this.listAll(clientId));
  }

  private async listAll(clientId: string): Promise<TangoeSupportRequest[]> {
    const client = this.tangoe.for(clientId);
    const requests: TangoeSupportRequest[] = [];
    let pages = 0;
    for (let page = 1; ; page += 1) {
      const listed = await client.listSupportRequests({ page, perPage: PAGE_SIZE, order: 'id asc' });
      pages += 1;
      requests.push(...listed.items);
      if (!listed.hasMore) break;
    }
    this.logger.info({ clientId, requests: requests.length, pages }, "read the client's support requests at Tangoe");
    return requests;
  }
}

/** Tangoe's states that end a request. */
const ENDED = new Set(['closed', 'canceled']);

/**
 * The request of each ticket the gateway links it to: the newest one still open (an earlier bridge that opened a
 * ticket's request again made a new one), else the newest.
 */
function indexByExternalSourceId(requests: readonly TangoeSupportRequest[]): Map<string, TangoeSupportRequest> {
  const byExternalSourceId = new Map<string, TangoeSupportRequest>();
  const rank = (request: TangoeSupportRequest) => [ENDED.has(request.state) ? 0 : 1, request.id];
  for (const request of requests) {
    if (!request.external_source_id) continue;
    const kept = byExternalSourceId.get(request.external_source_id);
    const [open, id] = rank(request);
    if (!kept || open > rank(kept)[0] || (open === rank(kept)[0] && id > kept.id)) byExternalSourceId.set(request.external_source_id, request);
  }
  return byExternalSourceId;
}
