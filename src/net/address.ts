// host:port as it is written in a URL: an IPv6 address goes in brackets.

/** `::1` and `[::1]` both give `[::1]`; a name or an IPv4 address is left as it is. */
export function hostInUrl(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.includes(':') ? `[${bare}]` : bare;
}

export function authority(host: string, port: number): string {
  return `${hostInUrl(host)}:${port}`;
}
