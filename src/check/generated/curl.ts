// A failure of the generated tests as a shell script a user can run again:
// one curl per request, the token left to the environment.
import type { RequestSpec } from '../http.js';

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlScript(root: URL, requests: RequestSpec[]): string {
  const base = root.href.replace(/\/$/, '');
  const lines = ['#!/bin/sh', '# Replays the failing requests; set TOKEN (and ADMIN_TOKEN) first.', 'set -e'];
  for (const r of requests) {
    const parts = [`curl -sS -i -X ${r.method} ${quote(base + r.path)}`];
    for (const [name, value] of Object.entries(r.headers)) {
      parts.push(name.toLowerCase() === 'x-auth-token' ? `-H "X-Auth-Token: $TOKEN"` : `-H ${quote(`${name}: ${value}`)}`);
    }
    if (r.body !== undefined) parts.push(`--data-binary ${quote(r.body)}`);
    lines.push(parts.join(' \\\n  '));
  }
  return `${lines.join('\n')}\n`;
}
