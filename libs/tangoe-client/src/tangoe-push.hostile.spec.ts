import { parseTangoeActivityPush } from './tangoe-activity-push';
import { parseTangoePush } from './tangoe-push';

/**
 * Tangoe's pushes, of support requests and of activities, reach class-transformer (`plainToInstance`) without the ITSM webhooks' shape check, so this is
 * the check that class-transformer 0.5.1, unreleased since 2021, pollutes nothing when a push carries keys of the
 * object machinery (docs/security.md, dependencies).
 */
describe('a Tangoe push carrying the object machinery', () => {
  it('pollutes no prototype and keeps the push its own class, the hostile keys dropped', () => {
    const hostile = JSON.parse(`{
      "__proto__": { "polluted": "yes" },
      "constructor": { "prototype": { "pollutedToo": "yes" } },
      "event": "support_request.state_changed",
      "occurred_at": "2026-12-07T04:00:00Z",
      "support_request": { "__proto__": { "pollutedNested": "yes" }, "constructor": { "prototype": { "pollutedNestedToo": "yes" } }, "id": 7, "external_source_id": "INC1", "state": "closed", "updated_at": "2026-12-07T04:00:00Z", "interactions": [] }
    }`);
    const { push } = parseTangoePush(hostile);
    const plain: Record<string, unknown> = {};
    expect([plain.polluted, plain.pollutedToo, plain.pollutedNested, plain.pollutedNestedToo]).toEqual([undefined, undefined, undefined, undefined]);
    expect(Object.keys(push ?? {})).not.toContain('__proto__');
    expect((push as unknown as Record<string, unknown> | undefined)?.polluted).toBeUndefined();
    expect(push?.constructor.name).toBe('TangoePush');
    // The nested class, and its prototype, are untouched too.
    const nested = push?.support_request as unknown as Record<string, unknown>;
    expect([nested.pollutedNested, nested.pollutedNestedToo, Object.getPrototypeOf(nested).pollutedNested]).toEqual([undefined, undefined, undefined]);
    expect(nested.constructor.name).toBe('PushedSupportRequest');
  });

  it('does the same for an activity push', () => {
    const hostile = JSON.parse(`{
      "__proto__": { "pollutedByActivity": "yes" },
      "event": "activity.state_changed",
      "occurred_at": "2026-12-07T04:00:00Z",
      "activity": { "__proto__": { "pollutedByActivityNested": "yes" }, "constructor": { "prototype": { "pollutedByActivityCtor": "yes" } }, "id": 4, "state": "completed", "updated_at": "2026-12-07T04:00:00Z" }
    }`);
    const { activity, problems } = parseTangoeActivityPush(hostile);
    expect(problems).toEqual([]);
    const plain: Record<string, unknown> = {};
    expect([plain.pollutedByActivity, plain.pollutedByActivityNested, plain.pollutedByActivityCtor]).toEqual([undefined, undefined, undefined]);
    expect(Object.keys(activity ?? {})).not.toContain('__proto__');
    expect(Object.keys(activity ?? {})).not.toContain('constructor');
  });
});
