import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AccessTokenController } from './api/access-token.controller';
import { ActivitiesController } from './api/activities.controller';
import { AdminTokenGuard } from './controls/admin-token.guard';
import { InteractionsController } from './api/interactions.controller';
import { SandboxControlsController } from './controls/sandbox-controls.controller';
import { SpecialistActivitiesController } from './specialist/specialist-activities.controller';
import { SpecialistConsoleController } from './specialist/specialist-console.controller';
import { SpecialistController } from './specialist/specialist.controller';
import { SupportRequestsController } from './api/support-requests.controller';
import { TangoeApiMiddleware } from './api/tangoe-api.middleware';
import { TangoeSandbox } from './tangoe-sandbox';
import { TANGOE_SANDBOX } from './tangoe-sandbox.token';

/** The sandbox Tangoe, self-contained: Tangoe's API (`/1`, `/v2`) and the specialist's side (`/sandbox/tangoe`). */
@Module({})
export class TangoeSandboxModule implements NestModule {
  static with(sandbox: TangoeSandbox): DynamicModule {
    return {
      module: TangoeSandboxModule,
      controllers: [
        SupportRequestsController,
        InteractionsController,
        ActivitiesController,
        AccessTokenController,
        SpecialistController,
        SpecialistActivitiesController,
        SandboxControlsController,
        SpecialistConsoleController,
      ],
      providers: [{ provide: TANGOE_SANDBOX, useValue: sandbox }, TangoeApiMiddleware, AdminTokenGuard],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TangoeApiMiddleware).forRoutes({ path: '1/*path', method: RequestMethod.ALL }, { path: 'v2/*path', method: RequestMethod.ALL });
  }
}
