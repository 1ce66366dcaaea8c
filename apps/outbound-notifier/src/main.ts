import 'reflect-metadata';
import { startService } from '@bridge/platform';
import { OutboundNotifierModule } from './app.module';

startService({ service: 'outbound-notifier', module: OutboundNotifierModule, defaultPort: 3002 });
