import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AccessTokenController } from './access-token.controller';
import { ActivitiesController } from './activities.controller';
import { AdminTokenGuard } from './admin-token.guard';
import { InteractionsController } from './interactions.controller';
import { SandboxControlsController } from './sandbox-controls.controller';
import { SpecialistActivitiesController } from './specialist-activities.controller';
import { SpecialistConsoleController } from './specialist-console.controller';
import { SpecialistController } from './specialist.controller';
import { SupportRequestsController } from './support-requests.controller';
import { TangoeApiMiddleware } from './tangoe-api.middleware';
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
