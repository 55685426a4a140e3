/** Public log reads over HTTP with 3 retries and backoff that honours Retry-After. */
export class LogClient {
  constructor(
    private readonly base: string,
    private readonly log: string,
  ) {}

  async json<T = unknown>(path: string): Promise<T> {
    return JSON.parse((await this.get(path)).toString('utf8')) as T;
  }

  async text(path: string): Promise<string> {
    return (await this.get(path)).toString('utf8');
  }

  /** Bytes of a path under /logs/<log>/; undefined for a 404. */
  async optional(path: string): Promise<Buffer | undefined> {
    return this.get(path, true);
  }

  async get(path: string): Promise<Buffer>;
  async get(path: string, allowMissing: true): Promise<Buffer | undefined>;
  async get(path: string, allowMissing = false): Promise<Buffer | undefined> {
    const url = `${this.base.replace(/\/+$/, '')}/logs/${this.log}/${path}`;
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      try {
        response = await fetch(url);
      } catch (error) {
        if (attempt >= 3) throw new NetworkError(`${url}: ${describeFetchFailure(error)}`);
      }
      if (response) {
        if (response.ok) return Buffer.from(await response.arrayBuffer());
        if (response.status === 404 && allowMissing) return undefined;
        if (response.status !== 503 && response.status < 500) throw new HttpError(response.status, `${url}: HTTP ${response.status} ${await response.text()}`);
        if (attempt >= 3) throw new NetworkError(`${url}: HTTP ${response.status} after retries`);
      }
      const retryAfter = Number(response?.headers.get('retry-after'));
      await new Promise((resolve) => setTimeout(resolve, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 250 * 2 ** attempt));
    }
  }
}

export class NetworkError extends Error {}

/** fetch says only "fetch failed": the reason (ECONNREFUSED 127.0.0.1:9, ENOTFOUND …) is its cause. */
function describeFetchFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (!cause) return (error as Error).message;
  return cause.message ?? cause.code ?? (error as Error).message;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
