import { MAX_PAYLOAD_DEPTH, payloadShapeProblems } from './payload-shape';

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('payloadShapeProblems', () => {
  it('passes ordinary webhooks, nested as deep as the limit', () => {
    expect(payloadShapeProblems({ ticket: { id: '1', tags: ['a', { b: null }] } })).toEqual([]);
    expect(payloadShapeProblems(nested(MAX_PAYLOAD_DEPTH))).toEqual([]);
  });

  it('refuses nesting past the limit, however deep, without overflowing the stack itself', () => {
    expect(payloadShapeProblems(nested(MAX_PAYLOAD_DEPTH + 1))).toEqual([{ field: expect.stringMatching(/^a\.0\.a/), problem: `nests deeper than ${MAX_PAYLOAD_DEPTH} levels` }]);
    expect(payloadShapeProblems(JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)))).toHaveLength(1);
  });

  it('names keys of the object machinery wherever they are, own properties from JSON included', () => {
    const payload = JSON.parse('{"ticket": {"requester": {"constructor": {"polluted": true}}, "__proto__": {"x": 1}}, "prototype": 1}');
    expect(payloadShapeProblems(payload).map((p) => p.field).sort()).toEqual(['prototype', 'ticket.__proto__', 'ticket.requester.constructor']);
  });
});
