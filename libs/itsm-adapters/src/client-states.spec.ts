import { clientStateOf } from './client-states';

describe('clientStateOf', () => {
  it("reads the client's own states only: an inherited key is no state", () => {
    const states = { '4': 'resolved', Closed: 'closed' };
    expect(clientStateOf(states, '4')).toBe('resolved');
    expect(clientStateOf(states, 'Closed')).toBe('closed');
    expect(['toString', 'constructor', '__proto__', '2', undefined].map((status) => clientStateOf(states, status))).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
