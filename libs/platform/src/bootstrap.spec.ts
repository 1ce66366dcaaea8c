import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { bootstrapService } from './bootstrap';

@Module({})
class NothingModule {}

describe('a service start', () => {
  it('stops at a bad setting, naming it, before anything is opened', async () => {
    const saved = process.env.DELIVERY_LANES;
    process.env.DELIVERY_LANES = 'as many as it takes';
    try {
      await expect(bootstrapService({ service: 'outbound-notifier', module: NothingModule, defaultPort: 0 })).rejects.toThrow('invalid service settings: DELIVERY_LANES must be an integer number');
    } finally {
      if (saved === undefined) delete process.env.DELIVERY_LANES;
      else process.env.DELIVERY_LANES = saved;
    }
  });
});
