// The contract as the docs show it. The bundle's info.version is the
// contract's (package) version; Redoc puts it after the title, where readers
// take it for the API's. The docs' copy names the API version there (from the
// paths' /v1.0 prefix) and the contract version on a line of its own, and
// drops markdown from the server descriptions, which Redoc shows as text.
interface DocsSpec {
  info: { version: string; description?: string };
  paths: Record<string, unknown>;
  servers?: { description?: string }[];
}

export function apiVersionOf(spec: Pick<DocsSpec, 'paths'>): string | undefined {
  for (const path of Object.keys(spec.paths)) {
    const version = /^\/(v\d+(?:\.\d+)*)\//.exec(path)?.[1];
    if (version) return version;
  }
  return undefined;
}

export function docsSpec<T extends DocsSpec>(spec: T): T {
  const api = apiVersionOf(spec);
  const contract = spec.info.version;
  const versions = `**API version ${api ?? 'unknown'}** · contract version ${contract} (the \`trove-backups-contract\` package)`;
  return {
    ...spec,
    info: { ...spec.info, version: api ?? contract, description: `${versions}\n\n${spec.info.description ?? ''}` },
    ...(spec.servers && {
      servers: spec.servers.map((s) => (s.description ? { ...s, description: s.description.replace(/`([^`]*)`/g, '$1') } : s)),
    }),
  };
}
