import 'reflect-metadata';
import { bootstrapConsole } from './bootstrap-console';

bootstrapConsole().catch((error: unknown) => {
  process.stderr.write(`console failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
