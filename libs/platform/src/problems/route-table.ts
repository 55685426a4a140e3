/**
 * The routes the app serves, as patterns, so an unknown method on a known path answers 405 with
 * `Allow` instead of 404. Filled by Fastify's onRoute hook as Nest registers its routes.
 */
export class RouteTable {
  private readonly routes: Array<{ method: string; pattern: RegExp }> = [];

  add(methods: string | string[], url: string): void {
    const pattern = new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`);
    for (const method of [methods].flat()) if (method !== 'HEAD') this.routes.push({ method, pattern });
  }

  /** The methods served at this path; empty when the path is unknown. */
  allowed(path: string): string[] {
    return [...new Set(this.routes.filter((route) => route.pattern.test(path)).map((route) => route.method))].sort();
  }
}
