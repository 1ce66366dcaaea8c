import { WorkLineError, assertPoolHoldsLanes } from './work-line.error';

describe('a work line refuses a pool too small for its lanes', () => {
  it('takes two connections a lane and four more', () => {
    expect(() => assertPoolHoldsLanes(20, 8, 'GATEWAY_LANES')).not.toThrow();
    expect(() => assertPoolHoldsLanes(19, 8, 'GATEWAY_LANES')).toThrow(WorkLineError);
    expect(() => assertPoolHoldsLanes(10, 4, 'DELIVERY_LANES')).toThrow('DATABASE_POOL_SIZE (10) must be at least 2 × DELIVERY_LANES + 4 = 12');
  });
});
