import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { readDrift } from '@bridge/drift';
import { onboardClient, resumeBothWays } from '@bridge/operations';
import { ConsoleSessionGuard, Operator, SignedIn } from '../auth/console-session.guard';
import { actionRequestOf } from '../actions/action-request';
import { outcomeOfFailure } from '../actions/action-outcome';
import { BridgeServices } from '../peers/bridge-services';
import { ConsoleViews } from '../views/console-views';

/**
 * What the console reads about a client that takes minutes (both walk its ITSM through its read budget) and changes
 * nothing: the onboarding's dry run, which is the run's confirmation page, and the drift report, with a repair
 * (`/actions/drift-repair`) for each ticket that has one.
 */
@Controller('clients/:clientId')
@UseGuards(ConsoleSessionGuard)
export class ClientOperationsController {
  constructor(
    private readonly services: BridgeServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get('onboarding')
  async onboarding(@Operator() signedIn: SignedIn, @Param('clientId') client: string, @Query('since') since: unknown, @Res() response: Response) {
    const request = actionRequestOf({ client, since });
    try {
      const preview = await onboardClient(this.services.for(signedIn.operator, 'long'), request.clientId!, { since: request.since, dryRun: true, waitMs: 0 });
      response.type('html').send(await this.views.render('onboarding', { title: `Onboarding ${request.clientId}`, section: 'clients', signedIn }, { clientId: request.clientId, since: request.since ?? '', preview }));
    } catch (error) {
      await this.failed(response, signedIn, request.clientId!, 'The onboarding dry run', error);
    }
  }

  @Get('drift')
  async drift(@Operator() signedIn: SignedIn, @Param('clientId') client: string, @Query('since') since: unknown, @Res() response: Response) {
    const request = actionRequestOf({ client, since });
    const apis = this.services.for(signedIn.operator, 'long');
    try {
      const report = await readDrift({ ingress: apis.ingress, gateway: apis.gateway, resumeClient: (clientId) => resumeBothWays(apis, clientId) }, request.clientId!, { since: request.since });
      response.type('html').send(await this.views.render('drift', { title: `Drift of ${request.clientId}`, section: 'clients', signedIn }, { clientId: request.clientId, since: request.since ?? '', report }));
    } catch (error) {
      await this.failed(response, signedIn, request.clientId!, 'The drift report', error);
    }
  }

  private async failed(response: Response, signedIn: SignedIn, clientId: string, what: string, error: unknown): Promise<void> {
    const outcome = outcomeOfFailure(error);
    response.status(outcome.outcome === 'refused' ? 409 : 502).type('html').send(
      await this.views.render('message', { title: what, section: 'clients', signedIn }, { heading: `${what} of ${clientId} could not be made`, message: outcome.summary, backHref: `/clients/${encodeURIComponent(clientId)}`, backLabel: `Back to ${clientId}` }),
    );
  }
}
