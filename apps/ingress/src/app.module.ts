import { Module } from '@nestjs/common';
import { ITSM_NAMES } from '@bridge/itsm-adapters';
import { PlatformModule } from '@bridge/platform';
import { TicketEventsController } from './admin/ticket-events.controller';
import { INGRESS_MIGRATIONS } from './migrations';
import { PublishInboundEventsUseCase } from './publishing/publish-inbound-events.use-case';
import { ClientWebhookController } from './webhooks/client-webhook.controller';
import { TangoePushController } from './webhooks/tangoe-push.controller';

@Module({
  imports: [PlatformModule.forService({ service: 'ingress', schema: 'ingress', migrations: INGRESS_MIGRATIONS, clients: { knownItsms: ITSM_NAMES } })],
  controllers: [ClientWebhookController, TangoePushController, TicketEventsController],
  providers: [PublishInboundEventsUseCase],
})
export class IngressModule {}
