import { ActivitiesService } from './activities.service';
import { ActivityStore } from '../store/activity-store';
import type { ApiUser } from '../store/api-user';

const user = { name: 'acme-api', company: 'acme' } as ApiUser;

function sandbox() {
  let now = Date.parse('2026-11-24T10:00:00.000Z');
  const store = new ActivityStore(() => new Date((now += 1_000)));
  const pushed: number[] = [];
  const service = new ActivitiesService(store, (activity) => pushed.push(activity.id), 999);
  return { store, service, pushed };
}

describe('the sandbox activities (seed 001)', () => {
  it('filters as the API portal lists: updated_at, completed_at, activity_type_id, state, assigned_to_id; orders and pages', () => {
    const { service } = sandbox();
    const a = service.create('acme', { activity_type_id: 3 }) as { id: number };
    const b = service.create('acme', { activity_type_id: 7 }) as { id: number };
    service.create('globex', { activity_type_id: 3 });
    service.changeState(String(a.id), { state: 'completed' });
    const ids = (query: Record<string, unknown>) => service.list(user, query).items.map((item) => item.id);
    expect(ids({})).toEqual([a.id, b.id]);
    expect(ids({ activity_type_id_eq: '7' })).toEqual([b.id]);
    expect(ids({ state_eq: 'completed' })).toEqual([a.id]);
    expect(ids({ completed_at_gt: '2026-11-24T00:00:00Z' })).toEqual([a.id]);
    expect(ids({ updated_at_gt: '2026-11-24T10:00:02.500Z', order: 'updated_at asc' })).toEqual([a.id]);
    expect(ids({ assigned_to_id_eq: '10833529', order: 'id desc' })).toEqual([b.id, a.id]);
    expect(ids({ per_page: '1', page: '2' })).toEqual([b.id]);
    expect(() => service.list(user, { completed_at_lt: 'soon' })).toThrow();
  });

  it('moves through ordered → on_back_order → completed | cancelled, pushing each state, and refuses other moves', () => {
    const { service, pushed } = sandbox();
    const { id } = service.create('acme', {}) as { id: number };
    expect(service.changeState(String(id), { state: 'on_back_order' })).toMatchObject({ state: 'on_back_order' });
    expect(service.changeState(String(id), { state: 'completed', tracking_url: 'https://track.example/1' })).toMatchObject({ state: 'completed', tracking_url: 'https://track.example/1' });
    expect(() => service.changeState(String(id), { state: 'cancelled' })).toThrow();
    expect(() => service.changeState(String(id), { state: 'shipped' })).toThrow();
    expect(pushed).toEqual([id, id, id]);
  });

  it('keeps companies apart and writes the portal report with a header row', () => {
    const { service } = sandbox();
    const { id } = service.create('globex', { remote_activity_id: 'RITM0010001' }) as { id: number };
    expect(() => service.get(user, String(id))).toThrow();
    const report = service.report('globex').trim().split('\n');
    expect(report[0].startsWith('Activity ID,State,Updated At,')).toBe(true);
    expect(report[1]).toContain(`${id},ordered,`);
    expect(report[1]).toContain('RITM0010001');
  });
});
