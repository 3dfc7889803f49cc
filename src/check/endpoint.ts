// Where the API is: the root that Dredd and the check send their paths to,
// and the project whose URLs they use. Users pass the Database endpoint as
// the service catalog lists it (`https://host:8779/v1.0/<project_id>`), or
// the bare root with --project.
import { CheckInputError } from './errors.js';

export interface Endpoint {
  /** The API root, without a trailing slash: `GET /` of the contract is `root + '/'`. */
  root: URL;
  project: string | undefined;
}

export function parseEndpoint(endpoint: string, project?: string): Endpoint {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CheckInputError(`must be a URL such as http://127.0.0.1:8779/v1.0/<project_id>, not "${endpoint}"`, 'endpoint');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CheckInputError(`must be an http or https URL, not "${endpoint}"`, 'endpoint');
  if (url.search || url.hash) throw new CheckInputError(`must not have a query or fragment: "${endpoint}"`, 'endpoint');
  const catalog = /^(.*)\/v1\.0\/([^/]+)\/?$/.exec(url.pathname);
  if (catalog) {
    const inUrl = decodeURIComponent(catalog[2]!);
    if (project !== undefined && project !== inUrl) {
      throw new CheckInputError(`${project} differs from the project in the endpoint (${inUrl})`, 'project');
    }
    url.pathname = catalog[1] || '/';
    project = inUrl;
  }
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return { root: url, project };
}

/** The root's path without a trailing slash ('' for the host root), to prefix API paths with. */
export function rootPath(root: URL): string {
  return root.pathname.replace(/\/+$/, '');
}
