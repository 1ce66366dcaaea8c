import 'reflect-metadata';
import { startService } from '@bridge/platform';
import { IngressModule } from './app.module';

// Webhook bodies are read raw: their signatures are computed over the exact bytes.
startService({ service: 'ingress', module: IngressModule, defaultPort: 3000, parseJsonBodies: false });
