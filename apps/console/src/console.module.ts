import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { serviceLogger } from '@bridge/platform';
import { ActionsController } from './actions/actions.controller';
import { AssetsController } from './assets/assets.controller';
import { AuditLog } from './auth/audit-log';
import { ConsoleSessionGuard } from './auth/console-session.guard';
import { LoginController } from './auth/login.controller';
import { OperatorSessions } from './auth/operator-sessions';
import { ClientOperationsController } from './clients/client-operations.controller';
import { ClientsController } from './clients/clients.controller';
import { ConsoleErrorFilter } from './console-error.filter';
import { ConsoleSettings, readConsoleSettings } from './console-settings';
import { CONSOLE_LOGGER, CONSOLE_SETTINGS } from './console.tokens';
import { ConsoleHealthController } from './health.controller';
import { BridgeServices } from './peers/bridge-services';
import { TicketsController } from './tickets/tickets.controller';
import { ConsoleViews } from './views/console-views';
import { WaitingController } from './waiting/waiting.controller';

/**
 * The operators' console: its own small app, holding no data and no connection to Kafka or PostgreSQL. Every page
 * reads the three services' admin APIs; every action goes through them (docs/adr/0027).
 */
@Module({
  controllers: [LoginController, ClientsController, ClientOperationsController, TicketsController, WaitingController, ActionsController, AssetsController, ConsoleHealthController],
  providers: [
    { provide: CONSOLE_SETTINGS, useFactory: readConsoleSettings },
    { provide: CONSOLE_LOGGER, inject: [CONSOLE_SETTINGS], useFactory: (settings: ConsoleSettings) => serviceLogger('console', settings) },
    {
      provide: OperatorSessions,
      inject: [CONSOLE_SETTINGS],
      useFactory: (settings: ConsoleSettings) => new OperatorSessions(settings.ADMIN_TOKEN, settings.CONSOLE_SESSION_MINUTES * 60_000),
    },
    { provide: APP_FILTER, useClass: ConsoleErrorFilter },
    ConsoleSessionGuard,
    BridgeServices,
    ConsoleViews,
    AuditLog,
  ],
})
export class ConsoleModule {}
