import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { SpecialistController } from './specialist.controller';
import { SupportRequestsController } from './support-requests.controller';
import { TangoeApiMiddleware } from './tangoe-api.middleware';
import { TangoeSandbox } from './tangoe-sandbox';
import { TANGOE_SANDBOX } from './tokens';

@Module({})
export class TangoeSandboxModule implements NestModule {
  static with(sandbox: TangoeSandbox): DynamicModule {
    return {
      module: TangoeSandboxModule,
      controllers: [SupportRequestsController, SpecialistController],
      providers: [{ provide: TANGOE_SANDBOX, useValue: sandbox }, TangoeApiMiddleware],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TangoeApiMiddleware).forRoutes({ path: '1/*path', method: RequestMethod.ALL }, { path: 'v2/*path', method: RequestMethod.ALL });
  }
}
