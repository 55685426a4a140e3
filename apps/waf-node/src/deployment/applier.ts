import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ApplyReport, NodeBundle } from '../panel-client';
import { NodeMetrics } from '../node-metrics';
import { WAF_NODE_CONFIG } from '../waf-node.tokens';
import type { WafNodeConfig } from '../waf-node-config';
import { auditRules, renderSite, SiteError, type VhostDescriptor } from './nginx-site';

const run = promisify(execFile);
/** The files a deployment may hold; anything else (a path escaping the release) is refused. */
const FILE_PATH = /^vhosts\/[a-z0-9_][a-z0-9_.-]{0,252}\/(modsecurity\.conf|vhost\.json)$/;
const KEEP_RELEASES = 3;

class ApplyError extends Error {}

function descriptorOf(path: string, content: string): VhostDescriptor {
  try {
    return JSON.parse(content) as VhostDescriptor;
  } catch {
    throw new ApplyError(`${path} is not JSON`);
  }
}

/**
 * Turns a pulled deployment into what nginx serves: a new release directory written beside the
 * others, the `current` link swapped to it in one rename, `nginx -t`, then a reload. When the
 * check or the reload fails, `current` goes back to the previous release, which nginx still serves.
 */
@Injectable()
export class Applier {
  private readonly logger = new Logger('Applier');
  private engineVersion: string | undefined;

  constructor(
    @Inject(WAF_NODE_CONFIG) private readonly config: WafNodeConfig,
    private readonly metrics: NodeMetrics,
  ) {}

  private get current(): string {
    return join(this.config.stateDir, 'current');
  }

  /** The checksum of the release nginx serves, from the last run too. */
  servedChecksum(): string | null {
    const descriptor = join(this.current, 'deployment.json');
    return existsSync(descriptor) ? (JSON.parse(readFileSync(descriptor, 'utf8')) as { checksum: string }).checksum : null;
  }

  /** What the panel is told about one deployment: with this node's engine and CRS versions. */
  async report(checksum: string, status: 'applied' | 'failed', error: string | null): Promise<ApplyReport> {
    this.metrics.applies.inc({ status });
    return { checksum, status, error, engineVersion: await this.version(), crsVersion: this.config.crsVersion };
  }

  async apply(bundle: NodeBundle): Promise<ApplyReport> {
    const report = (status: 'applied' | 'failed', error: string | null) => this.report(bundle.checksum, status, error);
    let release: string;
    try {
      release = await this.writeRelease(bundle);
    } catch (error) {
      if (!(error instanceof ApplyError || error instanceof SiteError)) throw error;
      return report('failed', error.message);
    }
    const previous = await readlink(this.current).catch(() => null);
    await this.point(release);
    const failure = (await this.nginx(['-t', '-q'])) ?? (await this.nginx(['-s', 'reload']));
    if (failure !== null) {
      await this.point(previous);
      this.logger.warn(`deployment #${bundle.sequence} failed; nginx keeps serving ${previous ?? 'no deployment'}: ${failure}`);
      return report('failed', failure);
    }
    this.logger.log(`deployment #${bundle.sequence} (${bundle.checksum.slice(0, 12)}) applied`);
    await this.prune(release, previous);
    return report('applied', null);
  }

  private async writeRelease(bundle: NodeBundle): Promise<string> {
    const name = `${bundle.sequence}-${bundle.checksum}`;
    const release = join(this.config.stateDir, 'releases', name);
    const staging = `${release}.staging`;
    await rm(staging, { recursive: true, force: true });
    const vhosts = new Map<string, { bundle?: string; descriptor?: VhostDescriptor }>();
    for (const file of bundle.files) {
      if (!FILE_PATH.test(file.path) || file.path.includes('..')) throw new ApplyError(`refused file path ${JSON.stringify(file.path.slice(0, 200))}`);
      if (createHash('sha256').update(file.content).digest('hex') !== file.sha256) throw new ApplyError(`${file.path}: content does not match its sha256`);
      await mkdir(dirname(join(staging, file.path)), { recursive: true });
      await writeFile(join(staging, file.path), file.content);
      const directory = dirname(file.path);
      const vhost = vhosts.get(directory) ?? {};
      if (file.path.endsWith('/vhost.json')) vhost.descriptor = descriptorOf(file.path, file.content);
      else vhost.bundle = join(release, file.path);
      vhosts.set(directory, vhost);
    }
    await mkdir(join(staging, 'servers'), { recursive: true });
    const rules = join(release, 'audit.conf');
    await writeFile(join(staging, 'audit.conf'), auditRules(this.config.auditLog));
    let index = 0;
    for (const [directory, vhost] of [...vhosts].sort(([a], [b]) => a.localeCompare(b))) {
      if (!vhost.bundle || !vhost.descriptor) throw new ApplyError(`${directory}: needs both modsecurity.conf and vhost.json`);
      const site = renderSite(vhost.descriptor, {
        bundlePath: vhost.bundle,
        auditRulesPath: rules,
        upstream: `waf_backend_${++index}`,
        httpListen: this.config.httpListen,
        httpsListen: this.config.httpsListen,
        tlsDir: this.config.tlsDir,
      });
      await writeFile(join(staging, 'servers', `${String(index).padStart(4, '0')}.conf`), site);
    }
    await writeFile(
      join(staging, 'deployment.json'),
      JSON.stringify({ deploymentId: bundle.deploymentId, sequence: bundle.sequence, checksum: bundle.checksum }),
    );
    await rm(release, { recursive: true, force: true });
    await rename(staging, release);
    return release;
  }

  /** `current` → the release (or gone), replaced in one rename so nginx never reads a half-made link. */
  private async point(release: string | null): Promise<void> {
    if (release === null) {
      await rm(this.current, { force: true });
      return;
    }
    const link = `${this.current}.next`;
    await rm(link, { force: true });
    await symlink(release, link);
    await rename(link, this.current);
  }

  /** null when nginx accepted; its own words otherwise. */
  private async nginx(args: string[]): Promise<string | null> {
    try {
      await run(this.config.nginxBinary, [...args, '-e', 'stderr', '-c', this.config.nginxConf], { timeout: 60_000 });
      return null;
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      return (stderr?.trim() || message).slice(0, 8192);
    }
  }

  private async version(): Promise<string> {
    if (this.engineVersion === undefined) {
      const { stderr } = await run(this.config.nginxBinary, ['-v']).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
      this.engineVersion = /nginx\/[\w.]+/.exec(stderr)?.[0] ?? 'nginx';
    }
    return this.engineVersion;
  }

  /** Keeps the served release, the one before it and a few more; the rest go. */
  private async prune(release: string, previous: string | null): Promise<void> {
    const directory = join(this.config.stateDir, 'releases');
    const names = (await readdir(directory)).filter((name) => !name.endsWith('.staging'));
    const keep = new Set([release, previous].filter((path): path is string => path !== null).map((path) => path.split('/').pop()!));
    const bySequence = names.sort((a, b) => Number(b.split('-')[0]) - Number(a.split('-')[0]));
    for (const name of bySequence.slice(KEEP_RELEASES)) if (!keep.has(name)) await rm(join(directory, name), { recursive: true, force: true });
  }
}
