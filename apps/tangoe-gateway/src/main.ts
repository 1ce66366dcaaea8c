import 'reflect-metadata';
import { startService } from '@bridge/platform';
import { TANGOE_GATEWAY_SERVICE } from './app.module';

startService({ ...TANGOE_GATEWAY_SERVICE, defaultPort: 3001 });
