import { parseActivityReport } from './activity-report';

const HEADER = 'Activity ID,State,Updated At,Activity Type,Ticket Number,Remote Activity ID,Tracking URL,Transfer Notes';

describe('the scheduled activity report (seed 001, option 2)', () => {
  it('turns each row into its activity\'s state change, details included', () => {
    const csv = `${HEADER}\n880001,completed,2026-11-24T10:00:00.000Z,New Line with Device,TM-880001,RITM0010001,https://track.example/1Z,"Leave at reception, ask for Núñez"\n880002,ordered,2026-11-24T10:01:00Z,Device Upgrade,TM-880002,,,\n`;
    const { events, problems } = parseActivityReport(csv, 'acme', 'test');
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.subject, e.data.state])).toEqual([
      ['acme:activity:880001', 'completed'],
      ['acme:activity:880002', 'ordered'],
    ]);
    expect(events[0].data.activity).toEqual({
      activityType: 'New Line with Device',
      ticketNumber: 'TM-880001',
      remoteActivityId: 'RITM0010001',
      trackingUrl: 'https://track.example/1Z',
      transferNotes: 'Leave at reception, ask for Núñez',
    });
    expect(events[1].data.activity).toEqual({ activityType: 'Device Upgrade', ticketNumber: 'TM-880002' });
  });

  it('gives a row the id a poll or a push gives the same change, and the same row the same id in every report', () => {
    const csv = `${HEADER}\n880001,completed,2026-11-24T05:00:00-05:00,,,,,\n`;
    const [first] = parseActivityReport(csv, 'acme', 'report').events;
    const [again] = parseActivityReport(csv.replace('2026-11-24T05:00:00-05:00', '2026-11-24T10:00:00.000Z'), 'acme', 'report').events;
    expect(first.id).toBe(again.id);
    expect(first.data.changedAt).toBe('2026-11-24T10:00:00.000Z');
  });

  it('reports a bad row by its line and uses the others', () => {
    const csv = [HEADER, '880001,ordered,2026-11-24T10:00:00Z,,,,,', 'abc,ordered,2026-11-24T10:00:00Z,,,,,', '880003,shipped,yesterday,,,,,', '880004,ordered', '880005,cancelled,2026-11-24T10:05:00Z,,,,,'].join('\n');
    const { events, problems } = parseActivityReport(csv, 'acme', 'test');
    expect(events.map((e) => e.data.activityId)).toEqual(['880001', '880005']);
    expect(problems).toEqual([
      { line: 3, message: 'Activity ID "abc" is not a number' },
      { line: 4, message: 'State "shipped" is not one of ordered, on_back_order, completed, cancelled; Updated At "yesterday" is not a time' },
      { line: 5, message: expect.stringContaining('Invalid Record Length') },
    ]);
  });

  it('refuses a file without the columns it needs as one problem, and reads headers in any case or spacing', () => {
    expect(parseActivityReport('Id,Status\n1,ordered\n', 'acme', 'test')).toEqual({ events: [], problems: [{ line: 1, message: 'the report has no column "activity id", "state", "updated at"' }] });
    expect(parseActivityReport('activity_id, STATE ,updated_at\n7,ordered,2026-11-24T10:00:00Z\n', 'acme', 'test').events).toHaveLength(1);
    expect(parseActivityReport('', 'acme', 'test').problems[0].line).toBe(1);
  });
});
