import 'reflect-metadata';
import { startService } from '@bridge/platform';
import { TangoeGatewayModule } from './app.module';

startService({
  service: 'tangoe-gateway',
  module: TangoeGatewayModule,
  defaultPort: 3001,
  consumes: { topic: (topics) => topics.clientEvents, group: 'tangoe-gateway' },
});
