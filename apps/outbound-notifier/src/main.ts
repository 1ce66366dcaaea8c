import 'reflect-metadata';
import { startService } from '@bridge/platform';
import { OutboundNotifierModule } from './app.module';

startService({
  service: 'outbound-notifier',
  module: OutboundNotifierModule,
  defaultPort: 3002,
  consumes: { topic: (topics) => topics.tangoeEvents, group: 'outbound-notifier' },
});
