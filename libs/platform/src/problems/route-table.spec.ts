import { RouteTable } from './route-table';

describe('RouteTable', () => {
  const table = new RouteTable();
  table.add(['GET', 'HEAD'], '/api/v1/policies/export');
  table.add('POST', '/api/v1/policies/import');
  table.add(['GET', 'PATCH', 'DELETE'], '/api/v1/policies/:id');
  table.add('GET', '/logs/:log/tile/*');
  table.add('OPTIONS', '*');

  it('gives a path the methods of its most specific route, as the router does', () => {
    expect(table.allowed('/api/v1/policies/export')).toEqual(['GET']);
    expect(table.allowed('/api/v1/policies/import/')).toEqual(['POST']);
    expect(table.allowed('/api/v1/policies/5e0c')).toEqual(['DELETE', 'GET', 'PATCH']);
    expect(table.allowed('/logs/main/tile/0/x001/234.p/5')).toEqual(['GET']);
  });

  it('knows no path that only CORS preflight or nothing serves', () => {
    expect(table.allowed('/api/v1/nothing-here')).toEqual([]);
  });

  it('tells when the router matched a path to a less specific route than the one that owns it', () => {
    expect(table.shadowed('/api/v1/policies/export', '/api/v1/policies/:id')).toBe(true);
    expect(table.shadowed('/api/v1/policies/export', '/api/v1/policies/export')).toBe(false);
    expect(table.shadowed('/api/v1/policies/5e0c', '/api/v1/policies/:id')).toBe(false);
    expect(table.shadowed('/api/v1/policies/5e0c', undefined)).toBe(false);
  });
});
