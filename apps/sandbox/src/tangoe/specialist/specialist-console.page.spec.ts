import { NO_FAULTS } from '../controls/fault-injector';
import { escapeHtml, renderSpecialistConsole } from './specialist-console.page';
import { ACCOUNT_SPECIALIST } from '../store/people';
import type { SupportRequest } from '../store/support-request';

const request = (fields: Partial<SupportRequest>): SupportRequest => ({
  id: 1,
  company: 'acme',
  api_user: 'acme-api',
  requestor_name: 'Ann Smith',
  requestor_number: '5551234567',
  number_request_is_about: '5551234567',
  on_behalf_of_id: null,
  assigned_to_id: ACCOUNT_SPECIALIST.id,
  device_type: null,
  state: 'open',
  created_at: '2026-11-24T10:00:00.000Z',
  updated_at: '2026-11-24T10:00:00.000Z',
  third_party_source: 'API',
  external_source_id: 'SN1',
  request_type: 'tech_support',
  vip: false,
  assignment_group: null,
  token: 'm339xS26p8ZML2U4RQCJo83H',
  interactions: [],
  history: [],
  ...fields,
});

describe('the specialist console page', () => {
  it('escapes everything a caller could have written', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
    const hostile = '<script>alert(1)</script>';
    const interactions = [{ id: 1, text: hostile, created_at: '2026-11-24T10:00:00.000Z', person: ACCOUNT_SPECIALIST, author: 'specialist' as const }];
    const page = renderSpecialistConsole({ requests: [request({ company: hostile, external_source_id: hostile, assignment_group: hostile, interactions })], faults: NO_FAULTS, webhooks: [{ company: hostile, url: 'http://x/?a=<b>', drop: false }], dropPushes: false });
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('offers the four states, a note and a reassignment per request', () => {
    const page = renderSpecialistConsole({ requests: [request({ id: 7 })], faults: NO_FAULTS, webhooks: [], dropPushes: true });
    for (const state of ['externally_queued', 'awaiting_customer_response', 'closed', 'canceled']) expect(page).toContain(`<option value="${state}">`);
    expect(page).toContain('data-id="7" data-action="interactions"');
    expect(page).toContain('data-id="7" data-action="reassign"');
  });
});
