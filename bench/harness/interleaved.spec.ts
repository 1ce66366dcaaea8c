import { interleaved, spreadOf } from './interleaved';

describe('spreadOf', () => {
  it('gives the median, the least and the most of the runs, in the order run', () => {
    expect(spreadOf([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: [5, 1, 3] });
    expect(spreadOf([4, 1, 3, 2]).median).toBe(2.5);
    expect(() => spreadOf([])).toThrow('no runs');
  });
});

describe('interleaved', () => {
  it('alternates which side goes first, pair by pair, and takes each ratio within its pair', async () => {
    const order: string[] = [];
    let bridgeValue = 0;
    let baselineValue = 0;
    const runs = await interleaved(
      async () => {
        order.push('bridge');
        return (bridgeValue += 10);
      },
      async () => {
        order.push('baseline');
        return (baselineValue += 20);
      },
      3,
    );
    expect(order).toEqual(['baseline', 'bridge', 'bridge', 'baseline', 'baseline', 'bridge']);
    expect(runs.bridge.runs).toEqual([10, 20, 30]);
    expect(runs.baseline.runs).toEqual([20, 40, 60]);
    expect(runs.ratio).toMatchObject({ median: 0.5, min: 0.5, max: 0.5 });
    expect(runs.load1m).toHaveLength(6);
  });
});
