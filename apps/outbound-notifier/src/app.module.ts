import { Module } from '@nestjs/common';
import { PlatformModule } from '@bridge/platform';
import { OUTBOUND_NOTIFIER_MIGRATIONS } from './migrations';

@Module({
  imports: [PlatformModule.forService({ service: 'outbound-notifier', schema: 'outbound_notifier', migrations: OUTBOUND_NOTIFIER_MIGRATIONS })],
})
export class OutboundNotifierModule {}
