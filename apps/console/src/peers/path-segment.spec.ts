import { HttpException } from '@nestjs/common';
import { pathSegment } from './path-segment';

describe('pathSegment', () => {
  it('encodes a value into one segment', () => {
    expect(pathSegment('INC 001/2?x#y')).toBe('INC%20001%2F2%3Fx%23y');
    expect(pathSegment('a.b')).toBe('a.b');
  });

  it('refuses what URL resolution would read as a move: dot segments, and nothing at all', () => {
    for (const value of ['.', '..', '']) expect(() => pathSegment(value)).toThrow(HttpException);
    // What resolution would make of them, had they passed: the reason for the refusal.
    expect(new URL(`http://gateway/admin/tickets/${encodeURIComponent('..')}/x`).pathname).toBe('/admin/x');
  });
});
