import 'reflect-metadata';
import { startService } from '@bridge/platform';
import { IngressModule } from './app.module';

startService({ service: 'ingress', module: IngressModule, defaultPort: 3000 });
