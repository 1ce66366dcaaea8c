import { SERVICE_GROUPS } from '@bridge/contracts';
import { SECRETS_USED } from './secrets-used';
import { Module } from '@nestjs/common';
import { ITSM_NAMES } from '@bridge/itsm-adapters';
import { ParkedDeadLetters, PlatformModule, ServiceBootstrap } from '@bridge/platform';
import { ActivityReportsController } from './admin/activity-reports.controller';
import { ClientPausesController } from './admin/client-pauses.controller';
import { ClientStatusController } from './admin/client-status.controller';
import { DriftController } from './admin/drift.controller';
import { OnboardingController } from './admin/onboarding.controller';
import { ParkedTicketsController } from './admin/parked-tickets.controller';
import { GatewayParkedController } from './admin/parked.controller';
import { ActivityPoller } from './polling/activity-poller';
import { ActivityReportPoller } from './polling/activity-report-poller';
import { PollBookkeepingRepository } from './polling/poll-bookkeeping.repository';
import { PollCursorsRepository } from './polling/poll-cursors.repository';
import { PollTangoeUseCase } from './polling/poll-tangoe.use-case';
import { SupportRequestPoller } from './polling/support-request-poller';
import { ClientEventsConsumer } from './client-events.consumer';
import { DriftLinksRepository } from './drift/drift-links.repository';
import { TangoeDriftSideUseCase } from './drift/tangoe-drift-side.use-case';
import { TangoeStateRedeliveryUseCase } from './drift/tangoe-state-redelivery.use-case';
import { TANGOE_GATEWAY_MIGRATIONS, GATEWAY_RETAINED_TABLES } from './migrations';
import { ReportFilesRepository } from './reports/report-files.repository';
import { ObserveTangoeChangesUseCase, ObservedActivitiesRepository, ObservedRequestsRepository, ReadTangoePushUseCase, TangoeEchoesRepository } from './tangoe-changes';
import { TangoePushesConsumer } from './tangoe-changes/tangoe-pushes.consumer';
import { GetGrantsRepository } from './tangoe/get-grants.repository';
import { TangoeClients } from './tangoe/tangoe-clients';
import { TangoeRequestIndex } from './tangoe/tangoe-request-index';
import { ApplyClientEventUseCase } from './tickets/apply-client-event.use-case';
import { ClientHolds } from './tickets/client-holds';
import { ClientPausesRepository } from './tickets/client-pauses.repository';
import { TicketFlowUseCase } from './tickets/ticket-flow.use-case';
import { TicketLinksRepository } from './tickets/ticket-links.repository';
import { TicketLine } from './tickets/ticket-line';
import { TicketWorkRepository } from './tickets/ticket-work.repository';
import { ParkedTicketEvents } from './tickets/parked-ticket-events';

@Module({
  imports: [
    PlatformModule.forService({ service: 'tangoe-gateway', schema: 'tangoe_gateway', migrations: TANGOE_GATEWAY_MIGRATIONS, clients: { knownItsms: ITSM_NAMES, secretsUsed: SECRETS_USED }, retention: GATEWAY_RETAINED_TABLES }),
  ],
  controllers: [ClientEventsConsumer, TangoePushesConsumer, ParkedTicketsController, ClientStatusController, GatewayParkedController, ActivityReportsController, ClientPausesController, OnboardingController, DriftController],
  providers: [GetGrantsRepository, TangoeClients, TangoeRequestIndex, TicketLinksRepository, ClientPausesRepository, TicketWorkRepository, TicketLine, ApplyClientEventUseCase, TicketFlowUseCase, PollCursorsRepository, PollBookkeepingRepository, ReportFilesRepository, SupportRequestPoller, ActivityPoller, ActivityReportPoller, PollTangoeUseCase, ClientHolds, DriftLinksRepository, TangoeDriftSideUseCase, TangoeStateRedeliveryUseCase, TangoeEchoesRepository, ObservedRequestsRepository, ObservedActivitiesRepository, ObserveTangoeChangesUseCase, ReadTangoePushUseCase, ParkedTicketEvents, ParkedDeadLetters],
})
export class TangoeGatewayModule {}

/**
 * How the gateway starts, wherever it is started (its main, the standalone bridge, the tests): it consumes the
 * clients' events, and Tangoe's pushes as the ingress received them (docs/adr/0023).
 */
export const TANGOE_GATEWAY_SERVICE: Omit<ServiceBootstrap, 'defaultPort'> = {
  service: 'tangoe-gateway',
  module: TangoeGatewayModule,
  consumes: [
    { topic: (topics) => topics.clientEvents, group: SERVICE_GROUPS.gatewayClientEvents },
    { topic: (topics) => topics.tangoePushes, group: SERVICE_GROUPS.gatewayPushes },
  ],
};
