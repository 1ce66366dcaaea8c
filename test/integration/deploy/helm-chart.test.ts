import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const REPO = path.resolve(__dirname, '../../..');
const CHART = path.join(REPO, 'deploy/helm/tangoe-itsm-bridge');

/** The console's Deployment: no Kafka, no database, no clients file; its own test below. */
const CONSOLE = 'bridge-console';

interface Manifest {
  kind: string;
  metadata: { name: string };
  spec?: any;
  data?: Record<string, string>;
}

/** The chart, linted and rendered by a real helm, checked manifest by manifest. */
describe('the Helm chart', () => {
  let helm: string;
  beforeAll(() => {
    helm = execFileSync('bash', [path.join(REPO, 'scripts/tools/ensure-helm.sh')], { encoding: 'utf8', timeout: 900_000 }).trim();
  }, 900_000);

  const render = (...values: string[]): Manifest[] =>
    parseAllDocuments(execFileSync(helm, ['template', 'bridge', CHART, ...values.flatMap((v) => ['-f', v])], { encoding: 'utf8' }))
      .map((doc) => doc.toJS() as Manifest)
      .filter(Boolean);

  it('renders what kubeconform -strict accepts against Kubernetes 1.33 schemas, for the default values and the production example', () => {
    const [kubeconform, kubernetesSchemas] = execFileSync('bash', [path.join(REPO, 'scripts/tools/ensure-kubeconform.sh')], { encoding: 'utf8', timeout: 900_000 }).trim().split('\n');
    const crdSchemas = path.join(REPO, 'test/deploy/schemas/{{ .ResourceKind }}-{{ .Group }}-{{ .ResourceAPIVersion }}.json');
    const validate = (manifests: string) => {
      try {
        return { exit: 0, output: execFileSync(kubeconform, ['-strict', '-summary', '-output', 'json', '-schema-location', kubernetesSchemas, '-schema-location', crdSchemas, '-'], { input: manifests, encoding: 'utf8' }) };
      } catch (error) {
        return { exit: (error as { status: number }).status, output: String((error as { stdout: string }).stdout) };
      }
    };
    for (const values of [[], ['-f', path.join(CHART, 'examples/production.yaml')]]) {
      const result = validate(execFileSync(helm, ['template', 'bridge', CHART, ...values], { encoding: 'utf8' }));
      const summary = JSON.parse(result.output).summary;
      expect({ exit: result.exit, ...summary }).toMatchObject({ exit: 0, invalid: 0, errors: 0, skipped: 0 });
      expect(summary.valid).toBeGreaterThanOrEqual(values.length ? 27 : 18);
    }
    // The check can fail: a field Kubernetes does not know is refused.
    const misspelt = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec:\n  replicaz: 2\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n    spec: { containers: [{ name: c, image: i }] }\n';
    expect(validate(misspelt)).toMatchObject({ exit: 1, output: expect.stringContaining("'replicaz' not allowed") });
  }, 900_000);

  it('lints strictly, with the default values and the production example', () => {
    execFileSync(helm, ['lint', '--strict', CHART], { encoding: 'utf8' });
    execFileSync(helm, ['lint', '--strict', CHART, '-f', path.join(CHART, 'examples/production.yaml')], { encoding: 'utf8' });
  });

  it('renders one Deployment per service with probes, resources, non-root and a read-only root filesystem; the sandbox off', () => {
    const manifests = render();
    const deployments = manifests.filter((m) => m.kind === 'Deployment' && m.metadata.name !== CONSOLE);
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['bridge-ingress', 'bridge-outbound-notifier', 'bridge-tangoe-gateway']);
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.resources.requests).toBeDefined();
      expect(container.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef).toBeDefined();
      // Secrets only by reference to existing Secrets: the admin token's, then the service's own.
      const own = { 'bridge-ingress': 'bridge-ingress-secrets', 'bridge-tangoe-gateway': 'bridge-gateway-secrets', 'bridge-outbound-notifier': 'bridge-notifier-secrets' }[deployment.metadata.name as string];
      expect(container.envFrom.map((from: { secretRef: { name: string } }) => from.secretRef.name)).toEqual(['bridge-admin', own]);
    }
    expect(manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler')).toHaveLength(3);
    expect(manifests.filter((m) => m.kind === 'PodDisruptionBudget')).toHaveLength(3);
    expect(manifests.find((m) => m.kind === 'ConfigMap')?.data?.['clients.yaml']).toContain('version: 1');
    expect(manifests.some((m) => m.kind === 'ServiceMonitor')).toBe(false);
  });

  it('has every pod reload the clients file it mounts, or, with the reload off, roll on a change of it', () => {
    const podsOf = (manifests: Manifest[]) => manifests.filter((m) => m.kind === 'Deployment' && m.metadata.name !== CONSOLE).map((d) => d.spec.template);
    const envOf = (pod: any) => pod.spec.containers[0].env as Array<{ name: string; value?: string }>;
    for (const pod of podsOf(render())) {
      expect(envOf(pod)).toContainEqual({ name: 'CLIENTS_RELOAD_INTERVAL_MS', value: '30000' });
      expect(pod.metadata.annotations?.['checksum/clients']).toBeUndefined();
      // The ConfigMap's directory, not a subPath: only then does Kubernetes update the file in a running pod.
      expect(pod.spec.containers[0].volumeMounts).toContainEqual({ name: 'clients', mountPath: '/config', readOnly: true });
    }
    const noReload = path.join(mkdtempSync(path.join(os.tmpdir(), 'helm-values-')), 'values.yaml');
    writeFileSync(noReload, 'clients:\n  reloadIntervalSeconds: 0\n');
    for (const pod of podsOf(render(noReload))) {
      expect(envOf(pod).map((e) => e.name)).not.toContain('CLIENTS_RELOAD_INTERVAL_MS');
      expect(pod.metadata.annotations['checksum/clients']).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('hardens the production values: per-service secrets, the admin port apart, NetworkPolicies, no token, bounded scratch, the image by digest', () => {
    const manifests = render(path.join(CHART, 'examples/production.yaml'));
    const deployment = (name: string) => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name)!;
    const secretsOf = (name: string) => deployment(name).spec.template.spec.containers[0].envFrom.map((from: { secretRef: { name: string } }) => from.secretRef.name);
    // Each pod gets ADMIN_TOKEN and its own service's secrets, never another's.
    expect(secretsOf('bridge-ingress')).toEqual(['bridge-admin', 'bridge-acme-ingress', 'bridge-globex-ingress']);
    expect(secretsOf('bridge-tangoe-gateway')).toEqual(['bridge-admin', 'bridge-acme-gateway', 'bridge-globex-gateway']);
    expect(secretsOf('bridge-outbound-notifier')).toEqual(['bridge-admin', 'bridge-acme-notifier', 'bridge-globex-notifier']);
    expect(manifests.some((m) => m.kind === 'Deployment' && m.metadata.name.includes('sandbox'))).toBe(false);

    // The public Service is the ingress's, on its webhooks' port alone; the admin port has Services of its own.
    const services = manifests.filter((m) => m.kind === 'Service');
    // The console's Service is inside the cluster too (ClusterIP), like every other.
    expect(services.filter((m) => !m.metadata.name.endsWith('-admin')).map((m) => [m.metadata.name, m.spec.type ?? 'ClusterIP', m.spec.ports.map((p: { name: string }) => p.name)])).toEqual([
      [CONSOLE, 'ClusterIP', ['http']],
      ['bridge-ingress', 'ClusterIP', ['http']],
    ]);
    expect(services.filter((m) => m.metadata.name.endsWith('-admin')).map((m) => m.metadata.name).sort()).toEqual(['bridge-ingress-admin', 'bridge-outbound-notifier-admin', 'bridge-outbound-notifier-audit-admin', 'bridge-tangoe-gateway-admin']);
    for (const monitor of manifests.filter((m) => m.kind === 'ServiceMonitor')) expect(monitor.spec.endpoints[0].port).toBe('admin');

    for (const d of manifests.filter((m) => m.kind === 'Deployment' && m.metadata.name !== CONSOLE)) {
      const pod = d.spec.template.spec;
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.containers[0].image).toMatch(/@sha256:[0-9a-f]{64}$/);
      expect(pod.containers[0].env).toContainEqual({ name: 'ADMIN_PORT', value: '9090' });
      expect(pod.volumes.find((v: { name: string }) => v.name === 'tmp').emptyDir).toEqual({ sizeLimit: '64Mi' });
      const policy = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === d.metadata.name)!;
      expect(policy.spec.podSelector.matchLabels['app.kubernetes.io/component']).toBe(d.spec.template.metadata.labels['app.kubernetes.io/component']);
      // The admin port is open to the release's pods and to monitoring only; the webhooks' port to the ingress controller, on the ingress alone.
      const rules = policy.spec.ingress as Array<{ ports: Array<{ port: string }>; from?: unknown[] }>;
      expect(rules.find((rule) => rule.ports.some((p) => p.port === 'admin'))!.from).toEqual([
        { podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'bridge' } } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      ]);
      expect(rules.filter((rule) => rule.ports.length === 1 && rule.ports[0].port === 'http')).toHaveLength(d.metadata.name === 'bridge-ingress' ? 1 : 0);
    }
    expect(manifests.find((m) => m.kind === 'ServiceAccount')).toMatchObject({ metadata: { name: 'bridge' }, automountServiceAccountToken: false });
  });

  it('runs the console inside the cluster only, with the admin token and no client secret, asking the release\'s admin Services', () => {
    const manifests = render(path.join(CHART, 'examples/production.yaml'));
    const pod = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === CONSOLE)!.spec.template.spec;
    const [container] = pod.containers;
    expect(container.command).toEqual(['node', 'dist/apps/console/main.js']);
    expect(container.image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(container.envFrom.map((from: { secretRef: { name: string } }) => from.secretRef.name)).toEqual(['bridge-admin']);
    const env = Object.fromEntries((container.env as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      INGRESS_ADMIN_URL: 'http://bridge-ingress-admin:9090',
      GATEWAY_ADMIN_URL: 'http://bridge-tangoe-gateway-admin:9090',
      NOTIFIER_ADMIN_URL: 'http://bridge-outbound-notifier-admin:9090',
    });
    expect(Object.keys(env).filter((name) => /^(KAFKA_|DATABASE_|CLIENTS_)/.test(name))).toEqual([]);
    // Each admin URL names a Service the chart renders, on its admin port.
    const adminServices = manifests.filter((m) => m.kind === 'Service' && m.metadata.name.endsWith('-admin')).map((m) => `http://${m.metadata.name}:${m.spec.ports[0].port}`);
    for (const url of [env.INGRESS_ADMIN_URL, env.GATEWAY_ADMIN_URL, env.NOTIFIER_ADMIN_URL]) expect(adminServices).toContain(url);
    const policy = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === CONSOLE)!;
    expect(policy.spec.ingress).toEqual([{ ports: [{ port: 'http' }], from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'bridge' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }]);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'chart-'));
    const off = path.join(dir, 'off.yaml');
    writeFileSync(off, 'console: { enabled: false }\n');
    expect(render(off).some((m) => m.metadata.name === CONSOLE)).toBe(false);
  });

  it('turns one adapterConsumers entry into one more notifier Deployment with its own consumer group', () => {
    const manifests = render(path.join(CHART, 'examples/production.yaml'));
    const extra = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'bridge-outbound-notifier-audit');
    expect(extra).toBeDefined();
    const env = extra!.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
    expect(env).toContainEqual({ name: 'CONSUMER_GROUP', value: 'outbound-notifier-audit' });
    expect(extra!.spec.template.spec.containers[0].command).toEqual(['node', 'dist/apps/outbound-notifier/main.js']);
    expect(manifests.filter((m) => m.kind === 'ServiceMonitor')).toHaveLength(4);
    expect(manifests.find((m) => m.metadata.name === 'bridge-outbound-notifier' && m.kind === 'Deployment')!.spec.replicas).toBe(3);
  });

  it("gives each service its own principal on the bus, over TLS, and refuses a SASL protocol without one", () => {
    const manifests = render(path.join(CHART, 'examples/production.yaml'));
    const container = (name: string) => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name)!.spec.template.spec.containers[0];
    const principalOf = (name: string) => {
      const env = container(name).env as Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }>;
      const byName = Object.fromEntries(env.map((entry) => [entry.name, entry]));
      expect(byName.KAFKA_SECURITY_PROTOCOL.value).toBe('SASL_SSL');
      expect(byName.KAFKA_SSL_CA_FILE.value).toBe('/etc/bridge/kafka-ca/ca.crt');
      expect(byName.KAFKA_SASL_USERNAME.valueFrom!.secretKeyRef.name).toBe(byName.KAFKA_SASL_PASSWORD.valueFrom!.secretKeyRef.name);
      return byName.KAFKA_SASL_PASSWORD.valueFrom!.secretKeyRef;
    };
    expect(principalOf('bridge-ingress')).toEqual({ name: 'bridge-ingress-kafka', key: 'password' });
    expect(principalOf('bridge-tangoe-gateway')).toEqual({ name: 'bridge-gateway-kafka', key: 'password' });
    expect(principalOf('bridge-outbound-notifier')).toEqual({ name: 'bridge-notifier-kafka', key: 'password' });
    expect(principalOf('bridge-outbound-notifier-audit')).toEqual({ name: 'bridge-notifier-kafka', key: 'password' });
    expect(container('bridge-ingress').volumeMounts).toContainEqual({ name: 'kafka-ca', mountPath: '/etc/bridge/kafka-ca', readOnly: true });

    // Mutual TLS: the service's certificate and key from its own kubernetes.io/tls Secret.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chart-'));
    const mtls = path.join(dir, 'mtls.yaml');
    writeFileSync(mtls, 'kafka: { securityProtocol: SSL, caSecret: kafka-ca }\nservices:\n  ingress: { kafka: { clientCertSecret: ingress-client-tls } }\n');
    const ingress = render(mtls).find((m) => m.kind === 'Deployment' && m.metadata.name === 'bridge-ingress')!.spec.template.spec;
    expect(ingress.containers[0].env).toEqual(expect.arrayContaining([{ name: 'KAFKA_SSL_CERT_FILE', value: '/etc/bridge/kafka-client/tls.crt' }, { name: 'KAFKA_SSL_KEY_FILE', value: '/etc/bridge/kafka-client/tls.key' }]));
    expect(ingress.containers[0].env.some((entry: { name: string }) => entry.name.startsWith('KAFKA_SASL_'))).toBe(false);
    expect(ingress.volumes).toContainEqual({ name: 'kafka-client', secret: { secretName: 'ingress-client-tls', defaultMode: 0o440 } });

    const missing = path.join(dir, 'missing.yaml');
    writeFileSync(missing, 'kafka: { securityProtocol: SASL_SSL }\nservices:\n  tangoe-gateway: { kafka: { saslSecret: "" } }\n');
    expect(() => render(missing)).toThrow(/services.tangoe-gateway.kafka.saslSecret: kafka.securityProtocol SASL_SSL needs the service's own SASL principal/);
  });

  it('runs the sandbox, when on, from its own image, not the production one', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chart-'));
    const values = path.join(dir, 'sandbox.yaml');
    writeFileSync(values, 'services:\n  sandbox: { enabled: true }\n');
    const images = Object.fromEntries(render(values).filter((m) => m.kind === 'Deployment').map((m) => [m.metadata.name, m.spec.template.spec.containers[0].image]));
    expect(images).toMatchObject({ 'bridge-sandbox': 'tangoe-itsm-bridge-sandbox:0.1.0', 'bridge-ingress': 'tangoe-itsm-bridge:0.1.0' });
  });
});
