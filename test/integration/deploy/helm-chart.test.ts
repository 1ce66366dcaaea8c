import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const REPO = path.resolve(__dirname, '../../..');
const CHART = path.join(REPO, 'deploy/helm/tangoe-itsm-bridge');

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
      expect(summary.valid).toBeGreaterThanOrEqual(values.length ? 21 : 10);
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
    const deployments = manifests.filter((m) => m.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['bridge-ingress', 'bridge-outbound-notifier', 'bridge-tangoe-gateway']);
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.resources.requests).toBeDefined();
      // Secrets only by reference to existing Secrets.
      expect(container.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef).toBeDefined();
      expect(container.envFrom[0].secretRef.name).toBe('bridge-client-secrets');
    }
    expect(manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler')).toHaveLength(3);
    expect(manifests.filter((m) => m.kind === 'PodDisruptionBudget')).toHaveLength(3);
    expect(manifests.find((m) => m.kind === 'ConfigMap')?.data?.['clients.yaml']).toContain('version: 1');
    expect(manifests.some((m) => m.kind === 'ServiceMonitor')).toBe(false);
  });

  it('has every pod reload the clients file it mounts, or, with the reload off, roll on a change of it', () => {
    const podsOf = (manifests: Manifest[]) => manifests.filter((m) => m.kind === 'Deployment').map((d) => d.spec.template);
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
});
