import { consumerLagOf } from './service-states';

describe('consumerLagOf', () => {
  it('sums the lag of every group and topic, and says none when the gauge is not there', () => {
    const exposition = [
      '# HELP bridge_consumer_lag Events published and not yet handled',
      '# TYPE bridge_consumer_lag gauge',
      'bridge_consumer_lag{group="bridge.tangoe-gateway",topic="bridge.client-events"} 3',
      'bridge_consumer_lag{group="bridge.tangoe-gateway",topic="bridge.client-events.retry"} 0',
      'bridge_consumer_lag{group="bridge.tangoe-gateway",topic="bridge.tangoe-pushes"} 12',
      'bridge_consumer_lag_other 99',
    ].join('\n');
    expect(consumerLagOf(exposition)).toBe(15);
    expect(consumerLagOf('# nothing here\nprocess_cpu_seconds_total 1')).toBeNull();
    expect(consumerLagOf({ not: 'text' })).toBeNull();
  });
});
