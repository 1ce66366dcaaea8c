import 'reflect-metadata';
import { startService } from '@bridge/platform';
import { TangoeGatewayModule } from './app.module';
import { GATEWAY_RETRY_POLICY } from './tickets/gateway-retry-policy';

startService({
  service: 'tangoe-gateway',
  module: TangoeGatewayModule,
  defaultPort: 3001,
  consumes: { topic: (topics) => topics.clientEvents, group: 'tangoe-gateway', retry: GATEWAY_RETRY_POLICY },
});
