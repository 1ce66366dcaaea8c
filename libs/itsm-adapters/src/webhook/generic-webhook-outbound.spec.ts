import type { AxiosInstance } from 'axios';
import { plainToInstance } from 'class-transformer';
import { Webhook } from 'standardwebhooks';
import { ClientConfig, bindSecrets } from '@bridge/clients-config';
import type { RenderedUpdate } from '../outbound/outbound-adapter';
import { GenericWebhookOutbound } from './generic-webhook-outbound';

const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('generic webhook outbound', () => {
  it('sends a body that the reference Standard Webhooks library verifies, under the delivery’s webhook-id', async () => {
    const client = bindSecrets(plainToInstance(ClientConfig, { id: 'hooks', outbound: { target: 'webhook', baseUrl: 'http://127.0.0.1:1/hooks', signingSecret: { env: 'SPEC_HOOK_SIGNING' } } }), { SPEC_HOOK_SIGNING: SIGNING_SECRET });
    const sent: Array<{ body: string; headers: Record<string, string> }> = [];
    const http = { post: async (_url: string, body: string, config: { headers: Record<string, string> }) => (sent.push({ body, headers: config.headers }), { status: 204, data: '', headers: {} }) } as unknown as AxiosInstance;

    const update: RenderedUpdate = { kind: 'note', recordNumber: 'T-1', body: { text: 'Shipped.' } };
    const result = await new GenericWebhookOutbound().send(http, update, client, { 'webhook-id': 'msg_evt-1' });

    expect(result.status).toBe(204);
    expect(sent).toHaveLength(1);
    expect(sent[0].headers['webhook-id']).toBe('msg_evt-1');
    expect(new Webhook(SIGNING_SECRET).verify(sent[0].body, sent[0].headers)).toMatchObject({ type: 'ticket.note', data: { client: 'hooks', ticket: 'T-1', text: 'Shipped.' } });
  });
});
