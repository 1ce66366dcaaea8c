import 'reflect-metadata';
import { SERVICE_GROUPS } from '@bridge/contracts';
import { startService } from '@bridge/platform';
import { OutboundNotifierModule } from './app.module';

startService({
  service: 'outbound-notifier',
  module: OutboundNotifierModule,
  defaultPort: 3002,
  // Each extra ITSM adapter consumer runs this service with its own group (the Helm chart's adapterConsumers).
  consumes: { topic: (topics) => topics.tangoeEvents, group: (settings) => settings.CONSUMER_GROUP ?? SERVICE_GROUPS.notifier },
});
