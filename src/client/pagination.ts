// Following Trove's pages. Its marker is an offset, and its next links are
// forced to https even when the API is plain http, so the client takes only
// the marker from a link and asks the endpoint it was given for the page.
import { TroveInvalidResponseError } from './errors/invalid-response-error.js';
import type { Received } from './transport.js';
import type { Backup, BackupList, BackupPage } from './types.js';

/** Adds `nextMarker`, read from the page's `next` link. */
export function toPage(list: BackupList, received: Received): BackupPage {
  const next = list.links?.find((link) => link.rel === 'next');
  if (!next) return { ...list, nextMarker: undefined };
  let marker: string | null = null;
  try {
    marker = new URL(next.href).searchParams.get('marker');
  } catch {
    // reported below
  }
  if (marker === null || !/^\d+$/.test(marker)) {
    throw new TroveInvalidResponseError(`the next link has no marker offset: ${JSON.stringify(next.href)}`, received);
  }
  return { ...list, nextMarker: Number(marker) };
}

/**
 * Every backup from `marker` on, one page at a time: a page is requested only
 * when the previous one has been consumed, and only one page is held.
 */
export async function* allBackups(
  fetchPage: (marker: number | undefined) => Promise<{ page: BackupPage; received: Received }>,
  marker: number | undefined,
): AsyncGenerator<Backup, void, undefined> {
  let offset = marker ?? 0;
  let current = marker;
  for (;;) {
    const { page, received } = await fetchPage(current);
    const { backups, nextMarker } = page;
    for (const backup of backups) yield backup;
    // A full page of 0 (limit=0) has a next link that goes nowhere.
    if (nextMarker === undefined || backups.length === 0) return;
    if (nextMarker <= offset) {
      throw new TroveInvalidResponseError(`the next link goes back to offset ${nextMarker} after offset ${offset}`, received);
    }
    offset = current = nextMarker;
  }
}
