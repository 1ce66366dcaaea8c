import { SECRETS_USED } from './secrets-used';
import { Module } from '@nestjs/common';
import { ITSM_NAMES, ItsmHttp } from '@bridge/itsm-adapters';
import { ParkedDeadLetters, PlatformModule, SETTINGS, ServiceSettings } from '@bridge/platform';
import { DeliveriesController } from './admin/deliveries.controller';
import { ClientPausesController } from './admin/client-pauses.controller';
import { ClientStatusController } from './admin/client-status.controller';
import { EndpointsController } from './admin/endpoints.controller';
import { NotifierParkedController } from './admin/parked.controller';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { DeliveryWorker } from './deliveries/delivery-worker';
import { EndpointHolds } from './deliveries/endpoint-holds';
import { EndpointsRepository } from './deliveries/endpoints.repository';
import { EnqueueUpdateUseCase } from './deliveries/enqueue-update.use-case';
import { HeldUpdatesRepository } from './deliveries/held-updates.repository';
import { ReturningClientUpdates } from './deliveries/returning-client-updates';
import { ParkedDeliveries } from './deliveries/parked-deliveries';
import { OUTBOUND_NOTIFIER_MIGRATIONS, NOTIFIER_RETAINED_TABLES } from './migrations';
import { TangoeEventsConsumer } from './tangoe-events.consumer';

@Module({
  imports: [
    PlatformModule.forService({ service: 'outbound-notifier', schema: 'outbound_notifier', migrations: OUTBOUND_NOTIFIER_MIGRATIONS, clients: { knownItsms: ITSM_NAMES, secretsUsed: SECRETS_USED }, retention: NOTIFIER_RETAINED_TABLES }),
  ],
  controllers: [TangoeEventsConsumer, DeliveriesController, ClientStatusController, EndpointsController, ClientPausesController, NotifierParkedController],
  providers: [
    DeliveriesRepository,
    EndpointsRepository,
    EndpointHolds,
    // One HTTP client per client company, bound to its ITSM and its credentials; DELIVERY_TIMEOUT_MS bounds each call.
    { provide: ItsmHttp, inject: [SETTINGS], useFactory: (settings: ServiceSettings) => new ItsmHttp(settings.DELIVERY_TIMEOUT_MS) },
    EnqueueUpdateUseCase,
    DeliveryWorker,
    HeldUpdatesRepository,
    ReturningClientUpdates,
    ParkedDeliveries,
    ParkedDeadLetters,
  ],
})
export class OutboundNotifierModule {}
