import { SECRETS_USED } from './secrets-used';
import { Module } from '@nestjs/common';
import { ITSM_NAMES, ItsmHttp } from '@bridge/itsm-adapters';
import { PlatformModule } from '@bridge/platform';
import { DriftController } from './admin/drift.controller';
import { OnboardingController } from './admin/onboarding.controller';
import { ReconciliationController } from './admin/reconciliation.controller';
import { TicketEventsController } from './admin/ticket-events.controller';
import { ClientStateRepairUseCase } from './drift/client-state-repair.use-case';
import { ItsmDriftSideUseCase } from './drift/itsm-drift-side.use-case';
import { INGRESS_MIGRATIONS, INGRESS_RETAINED_TABLES } from './migrations';
import { OnboardClientUseCase } from './onboarding/onboard-client.use-case';
import { ClientServingRepository } from './publishing/client-serving.repository';
import { ForwardTangoePushesUseCase } from './publishing/forward-tangoe-pushes.use-case';
import { PublishInboundEventsUseCase } from './publishing/publish-inbound-events.use-case';
import { PublishedEventsRepository } from './publishing/published-events.repository';
import { TicketsFromBefore } from './publishing/tickets-from-before';
import { ItsmReadHttp } from './reconciliation/itsm-read-http';
import { ReadBack } from './reconciliation/read-back';
import { InboundRateLimit } from './webhooks/inbound-rate-limit';
import { ReconcileClientUseCase } from './reconciliation/reconcile-client.use-case';
import { ReconcileScheduler } from './reconciliation/reconcile-scheduler';
import { ReconcileStateRepository } from './reconciliation/reconcile-state.repository';
import { ClientWebhookController } from './webhooks/client-webhook.controller';
import { TangoePushController } from './webhooks/tangoe-push.controller';

@Module({
  imports: [PlatformModule.forService({ service: 'ingress', schema: 'ingress', migrations: INGRESS_MIGRATIONS, clients: { knownItsms: ITSM_NAMES, secretsUsed: SECRETS_USED }, retention: INGRESS_RETAINED_TABLES })],
  controllers: [ClientWebhookController, TangoePushController, TicketEventsController, ReconciliationController, OnboardingController, DriftController],
  // Reconciliation reads each client's ITSM with the client's own outbound credentials, 10 s a request at most.
  providers: [PublishedEventsRepository, ClientServingRepository, PublishInboundEventsUseCase, ForwardTangoePushesUseCase, TicketsFromBefore, OnboardClientUseCase, ItsmDriftSideUseCase, ClientStateRepairUseCase, ReconcileStateRepository, ReconcileClientUseCase, ReconcileScheduler, ItsmReadHttp, ReadBack, InboundRateLimit, { provide: ItsmHttp, useFactory: () => new ItsmHttp(10_000) }],
})
export class IngressModule {}
