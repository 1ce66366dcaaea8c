import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** No Docker engine runs here, so the compose file is checked by reading it: what must be there is there. */
const compose = parse(readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: { dockerfile: string; args?: Record<string, string> }; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[] } }>;
};

describe('docker-compose.yml', () => {
  const services = compose.services;

  it('runs Kafka (KRaft, pinned), PostgreSQL, the three services, the console and the sandbox', () => {
    expect(Object.keys(services).sort()).toEqual(['console', 'ingress', 'kafka', 'outbound-notifier', 'postgres', 'sandbox', 'tangoe-gateway']);
    expect(services.kafka.image).toBe('apache/kafka:3.9.1');
    expect(services.kafka.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1', KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1' });
    expect(services.postgres.image).toMatch(/^postgres:15/);
  });

  it('builds every service from the one Dockerfile, the service chosen by an argument, the sandbox from a target of its own', () => {
    for (const name of ['ingress', 'tangoe-gateway', 'outbound-notifier', 'console']) {
      expect(services[name].build).toEqual({ context: '.', dockerfile: 'deploy/Dockerfile', args: { SERVICE: name } });
    }
    expect(services.sandbox.build).toEqual({ context: '.', dockerfile: 'deploy/Dockerfile', target: 'sandbox', args: { SERVICE: 'sandbox' } });
    const dockerfile = readFileSync(path.resolve(__dirname, '../../deploy/Dockerfile'), 'utf8');
    // The default target is the last stage: the production image, which copies the three services' and the console's bundles and not the sandbox's.
    const stages = dockerfile.split(/^(?=FROM )/m);
    const production = stages[stages.length - 1];
    expect(production).toMatch(/^FROM runtime AS production$/m);
    expect(production).not.toMatch(/sandbox/);
    expect(stages.find((stage) => /^FROM runtime AS runtime|^FROM node:24-bookworm-slim AS runtime/m.test(stage))).not.toMatch(/\/app\/dist/);
    expect(dockerfile).toMatch(/^FROM node:24-/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ARG SERVICE=/m);
  });

  it('points the services at Kafka and PostgreSQL, waits for them to be healthy, and checks their own health', () => {
    for (const name of ['ingress', 'tangoe-gateway', 'outbound-notifier']) {
      const service = services[name];
      expect(service.environment).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', DATABASE_URL: expect.stringMatching(/^postgres:\/\/.+@postgres:5432\//), CLIENTS_FILE: '/config/clients.yaml' });
      expect(service.depends_on).toMatchObject({ kafka: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
      expect(service.healthcheck?.test.join(' ')).toContain('/health/ready');
    }
    for (const name of ['kafka', 'postgres', 'sandbox']) expect(services[name].healthcheck).toBeDefined();
  });

  it('runs the console on the services\' admin APIs alone, once they are healthy', () => {
    const operatorConsole = services.console;
    expect(operatorConsole.environment).toMatchObject({ INGRESS_ADMIN_URL: 'http://ingress:3000', GATEWAY_ADMIN_URL: 'http://tangoe-gateway:3000', NOTIFIER_ADMIN_URL: 'http://outbound-notifier:3000' });
    expect(Object.keys(operatorConsole.environment ?? {}).filter((name) => /^(KAFKA_|DATABASE_|CLIENTS_)/.test(name))).toEqual([]);
    expect(operatorConsole.depends_on).toEqual({ ingress: { condition: 'service_healthy' }, 'tangoe-gateway': { condition: 'service_healthy' }, 'outbound-notifier': { condition: 'service_healthy' } });
    expect(operatorConsole.healthcheck?.test.join(' ')).toContain('/health/ready');
    // The token operators sign in with is the services' own.
    expect(operatorConsole.environment?.ADMIN_TOKEN).toBe(services.ingress.environment?.ADMIN_TOKEN);
  });
});
