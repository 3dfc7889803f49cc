// The Database endpoint in a Keystone v3 catalog, by service type, interface and region.
import { KeystoneError } from './errors.js';
import type { EndpointInterface } from './options.js';

export interface CatalogEndpoint {
  interface: string;
  url: string;
  region?: string | null;
  region_id?: string | null;
}

export interface CatalogService {
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export interface EndpointQuery {
  serviceType: string;
  interface: EndpointInterface;
  regionName?: string | undefined;
}

export function findEndpoint(catalog: CatalogService[], query: EndpointQuery): string {
  const services = catalog.filter((s) => s.type === query.serviceType);
  if (services.length === 0) {
    const types = [...new Set(catalog.map((s) => s.type))].sort().join(', ') || 'none';
    throw new KeystoneError(`the catalog has no "${query.serviceType}" service (it has: ${types})`);
  }
  const all = services.flatMap((s) => s.endpoints ?? []);
  const byInterface = all.filter((e) => e.interface === query.interface);
  const candidates = query.regionName === undefined ? byInterface : byInterface.filter((e) => regionOf(e) === query.regionName);
  const urls = [...new Set(candidates.map((e) => e.url))];
  if (urls.length === 1) return urls[0] as string;
  const offered = all.map((e) => `${e.interface}${regionOf(e) ? ` in ${regionOf(e)}` : ''}`).join(', ') || 'none';
  const wanted = `${query.interface}${query.regionName === undefined ? '' : ` in region ${query.regionName}`}`;
  if (urls.length === 0) throw new KeystoneError(`the "${query.serviceType}" service has no ${wanted} endpoint (it has: ${offered})`);
  throw new KeystoneError(`the "${query.serviceType}" service has ${urls.length} ${wanted} endpoints (${offered}): name the region`);
}

const regionOf = (e: CatalogEndpoint): string | undefined => e.region_id ?? e.region ?? undefined;
