interface Route {
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  /** Per segment: 2 fixed text, 1 a parameter, 0 a wildcard. */
  readonly rank: number[];
}

/**
 * The routes the app serves, as patterns, so an unknown method on a known path answers 405 with
 * `Allow` instead of 404. Filled by Fastify's onRoute hook as Nest registers its routes.
 *
 * A path is the route of its most specific template, as in the router: `/policies/export` is the
 * fixed route, not `/policies/:id` with an id of "export". The router still hands `PATCH
 * /policies/export` to `PATCH /policies/:id`, since the fixed route has no PATCH; `shadowed` tells
 * the request hook so, and the request answers 405 with the fixed route's methods.
 */
export class RouteTable {
  private readonly routes: Route[] = [];
  /** Per template, whether any more specific template could own one of its paths: most cannot. */
  private readonly shadowable = new Map<string, boolean>();

  add(methods: string | string[], url: string): void {
    const template = trimmed(url);
    const escaped = template.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^${escaped.replace(/:[A-Za-z0-9_]+/g, '[^/]+').replace(/\*/g, '.*')}$`);
    const rank = template.split('/').map((segment) => (segment === '*' ? 0 : segment.startsWith(':') ? 1 : 2));
    // HEAD follows GET, and OPTIONS is CORS preflight on every path (`*`): neither makes a path a route.
    for (const method of [methods].flat()) if (method !== 'HEAD' && method !== 'OPTIONS') this.routes.push({ method, template, pattern, rank });
    this.shadowable.clear();
  }

  /** The methods served at this path; empty when the path is unknown. */
  allowed(path: string): string[] {
    const template = this.templateOf(path);
    return [...new Set(this.routes.filter((route) => route.template === template).map((route) => route.method))].sort();
  }

  /** Whether the router matched `path` to `template` although a more specific template owns it. */
  shadowed(path: string, template: string | undefined): boolean {
    if (template === undefined || !this.canBeShadowed(trimmed(template))) return false;
    const owner = this.templateOf(path);
    return owner !== undefined && owner !== trimmed(template);
  }

  /** Every request asks: answered once per template, so only templates beside a more specific one pay for the scan. */
  private canBeShadowed(template: string): boolean {
    let answer = this.shadowable.get(template);
    if (answer === undefined) {
      const own = this.routes.find((route) => route.template === template);
      answer = own !== undefined && this.routes.some((other) => moreSpecific(other.rank, own.rank) && overlap(other.template, template));
      this.shadowable.set(template, answer);
    }
    return answer;
  }

  private templateOf(path: string): string | undefined {
    const target = trimmed(path);
    let best: Route | undefined;
    for (const route of this.routes) if (route.pattern.test(target) && (!best || moreSpecific(route.rank, best.rank))) best = route;
    return best?.template;
  }
}

const trimmed = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

/** Fixed text beats a parameter beats a wildcard, at the first segment where two templates differ. */
function moreSpecific(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] > b[i];
  return a.length > b.length;
}

/** Whether some path matches both templates (a wildcard is taken to overlap anything). */
function overlap(a: string, b: string): boolean {
  const [x, y] = [a.split('/'), b.split('/')];
  if (x.includes('*') || y.includes('*')) return true;
  return x.length === y.length && x.every((segment, i) => segment.startsWith(':') || y[i].startsWith(':') || segment === y[i]);
}
