import { Module } from '@nestjs/common';
import { PlatformModule } from '@bridge/platform';
import { INGRESS_MIGRATIONS } from './migrations';

@Module({
  imports: [PlatformModule.forService({ service: 'ingress', schema: 'ingress', migrations: INGRESS_MIGRATIONS })],
})
export class IngressModule {}
