// Trove's pagination (trove/common/pagination.py, Backup._paginate): the
// marker is an offset; a page that is exactly full gets a next link, even
// when nothing follows; the link is the request URL with only `marker`
// replaced, re-encoded by Python's urlencode, and forced to https.

export function paginate<T>(rows: T[], limit: number, marker: number): { page: T[]; next: number | undefined } {
  const page = rows.slice(marker, marker + limit);
  return { page, next: page.length < limit ? undefined : marker + limit };
}

// urllib.parse.quote_plus: only letters, digits and _.-~ stay as they are.
function quotePlus(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.\-~]/.test(ch)) return ch;
    return byte === 0x20 ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

function unquotePlus(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text.replace(/\+/g, ' ');
  }
}

/** parse_qsl (blank values dropped), then an ordered dict: first place, last value. */
function parseQsl(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || eq === pair.length - 1) continue;
    params.set(unquotePlus(pair.slice(0, eq)), unquotePlus(pair.slice(eq + 1)));
  }
  return params;
}

export function nextLink(host: string, pathname: string, rawQuery: string, marker: number): { rel: 'next'; href: string } {
  const params = parseQsl(rawQuery);
  params.set('marker', String(marker));
  const query = [...params].map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');
  return { rel: 'next', href: `https://${host}${pathname}?${query}` };
}
