import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { WAF_NODE_CONFIG } from './waf-node.tokens';
import type { WafNodeConfig } from './waf-node-config';

/** A deployment as the panel serves it to nodes. */
export interface NodeBundle {
  readonly deploymentId: string;
  readonly sequence: number;
  readonly checksum: string;
  readonly crsVersion: string;
  readonly files: ReadonlyArray<{ readonly path: string; readonly sha256: string; readonly content: string }>;
}

export type PullAnswer = { readonly status: 200; readonly bundle: NodeBundle } | { readonly status: 304 | 404 };

export interface ApplyReport {
  readonly checksum: string;
  readonly status: 'applied' | 'failed';
  readonly error: string | null;
  readonly engineVersion: string;
  readonly crsVersion: string;
}

/** The panel answered, but not with what the call needs. */
export class PanelError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`the panel answered ${status}: ${detail}`);
  }
}

const TIMEOUT_MS = 30_000;

/** The node's three calls to the panel, each with the node's current token. */
@Injectable()
export class PanelClient {
  constructor(@Inject(WAF_NODE_CONFIG) private readonly config: WafNodeConfig) {}

  private async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const token = (await readFile(this.config.tokenFile, 'utf8')).trim();
    return fetch(`${this.config.panelUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'user-agent': 'waf-node',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  }

  private static async refuse(response: Response): Promise<never> {
    const text = await response.text().catch(() => '');
    let detail = text.slice(0, 500);
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
    } catch {
      // not problem+json: the text as it came
    }
    throw new PanelError(response.status, detail);
  }

  /** The current deployment, unless the node holds one of `held` (304) or there is none yet (404). */
  async pull(held: readonly string[]): Promise<PullAnswer> {
    const response = await this.call('GET', '/api/v1/node/deployment', undefined, {
      'x-waf-crs-version': this.config.crsVersion,
      ...(held.length > 0 ? { 'if-none-match': held.map((checksum) => `"${checksum}"`).join(', ') } : {}),
    });
    if (response.status === 304 || response.status === 404) {
      await response.body?.cancel();
      return { status: response.status };
    }
    if (response.status !== 200) return PanelClient.refuse(response);
    return { status: 200, bundle: (await response.json()) as NodeBundle };
  }

  async report(report: ApplyReport): Promise<void> {
    const response = await this.call('POST', '/api/v1/node/reports', report);
    if (response.status !== 204) return PanelClient.refuse(response);
  }

  /** Ships one batch; 422 means the panel refused these events for good. */
  async ship(events: readonly unknown[]): Promise<{ stored: number; duplicates: number }> {
    const response = await this.call('POST', '/api/v1/node/events', { events });
    if (response.status !== 200) return PanelClient.refuse(response);
    return (await response.json()) as { stored: number; duplicates: number };
  }
}
