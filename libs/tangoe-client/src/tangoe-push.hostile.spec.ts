import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import { parseTangoeActivityPush } from './tangoe-activity-push';
import { parseTangoePush } from './tangoe-push';

const HOSTILE_PUSH = `{
  "__proto__": { "polluted": "yes" },
  "event": "support_request.state_changed",
  "occurred_at": "2026-12-07T04:00:00Z",
  "support_request": { "constructor": { "prototype": { "pollutedNested": "yes" } }, "id": 7, "external_source_id": "INC1", "state": "closed", "updated_at": "2026-12-07T04:00:00Z", "interactions": [] }
}`;

const HOSTILE_ACTIVITY_PUSH = `{
  "event": "activity.state_changed",
  "occurred_at": "2026-12-07T04:00:00Z",
  "activity": { "__proto__": { "pollutedByActivity": "yes" }, "id": 4, "state": "completed", "updated_at": "2026-12-07T04:00:00Z" }
}`;

class Inner {
  a?: string;
}
class Outer {
  @Type(() => Inner) inner?: Inner;
}

/**
 * Tangoe's pushes, of support requests and of activities, are handed on as Tangoe sent them: keys of the object
 * machinery (`__proto__`, `constructor`) are refused at the door, as in the ITSMs' webhooks, before class-transformer
 * (0.5.1, unreleased since 2021) sees them; and class-transformer, given them anyway, pollutes nothing
 * (docs/security.md, dependencies).
 */
describe('a Tangoe push carrying the object machinery', () => {
  it('is refused, naming where, at any depth, for support requests and activities alike', () => {
    expect(parseTangoePush(JSON.parse(HOSTILE_PUSH))).toEqual({ problems: [expect.stringMatching(/^__proto__: /), expect.stringMatching(/^support_request\.constructor: /)] });
    expect(parseTangoeActivityPush(JSON.parse(HOSTILE_ACTIVITY_PUSH))).toEqual({ problems: [expect.stringMatching(/^activity\.__proto__: /)] });
  });

  it('pollutes nothing in class-transformer either, the second line behind the door', () => {
    const hostile = JSON.parse('{ "__proto__": { "polluted": "yes" }, "constructor": { "prototype": { "pollutedToo": "yes" } }, "inner": { "__proto__": { "pollutedNested": "yes" }, "a": "x" } }');
    const outer = plainToInstance(Outer, hostile) as Outer & Record<string, unknown>;
    const plain: Record<string, unknown> = {};
    expect([plain.polluted, plain.pollutedToo, plain.pollutedNested, outer.polluted]).toEqual([undefined, undefined, undefined, undefined]);
    expect(Object.keys(outer)).toEqual(['inner']);
    expect(outer.constructor).toBe(Outer);
    expect(outer.inner).toBeInstanceOf(Inner);
    expect((outer.inner as Inner & Record<string, unknown>).pollutedNested).toBeUndefined();
  });
});
