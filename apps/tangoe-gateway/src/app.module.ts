import { Module } from '@nestjs/common';
import { PlatformModule } from '@bridge/platform';
import { TANGOE_GATEWAY_MIGRATIONS } from './migrations';

@Module({
  imports: [PlatformModule.forService({ service: 'tangoe-gateway', schema: 'tangoe_gateway', migrations: TANGOE_GATEWAY_MIGRATIONS })],
})
export class TangoeGatewayModule {}
