// Walks a paginated backup list the way a client must: `limit` per page,
// then the `marker` of each `next` link, until a page has no link. On the
// way it checks what the contract says about pages (BackupList, NextLink,
// Marker): at most `limit` backups, newest `updated` first, a next link
// exactly on full pages, carrying the offset of the next page and the same
// other query parameters, and no backup on two pages.
import { projectPath, userRequest } from '../context.js';
import type { StepScope } from './step.js';

export interface ListedBackup {
  id: string;
  [key: string]: unknown;
}

export interface Walk {
  backups: ListedBackup[];
  pages: number;
  /** False when the walk stopped at a broken page or link. */
  complete: boolean;
}

export const PAGE_LIMIT = 2;
const MAX_PAGES = 500;

export async function walkPages(
  s: StepScope,
  operation: 'listBackups' | 'listInstanceBackups',
  rest: string,
  filters: [string, string][] = [],
  limit = PAGE_LIMIT,
): Promise<Walk> {
  const backups: ListedBackup[] = [];
  const pageOf = new Map<string, number>();
  let marker: number | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const params = new URLSearchParams([
      ...filters,
      ['limit', String(limit)],
      ...(marker === undefined ? [] : [['marker', String(marker)]]),
    ]);
    const exchange = await s.send(operation, userRequest(s.ctx, 'GET', `${rest}?${params.toString()}`), 200);
    const body = exchange.body as { backups?: unknown; links?: unknown } | undefined;
    if (exchange.response.status !== 200 || !Array.isArray(body?.backups)) return { backups, pages: page, complete: false };
    const items = body.backups as ListedBackup[];

    if (items.length > limit) {
      s.violation({
        pointer: '/backups',
        keyword: 'pagination',
        message: `a page of limit=${limit} holds ${items.length} backups`,
        expected: `at most ${limit}`,
        actual: items.length,
      });
    }
    items.forEach((item, i) => {
      const first = pageOf.get(item.id);
      if (first !== undefined) {
        s.violation({
          pointer: `/backups/${i}/id`,
          keyword: 'pagination',
          message: `backup ${item.id} is on page ${first} and again on page ${page}`,
          actual: item.id,
        });
      } else {
        pageOf.set(item.id, page);
        backups.push(item);
      }
      const previous = items[i - 1]?.updated;
      if (typeof previous === 'string' && typeof item.updated === 'string' && item.updated > previous) {
        s.violation({
          pointer: `/backups/${i}/updated`,
          keyword: 'order',
          message: 'the page is not sorted newest `updated` first',
          expected: `at most ${previous}`,
          actual: item.updated,
        });
      }
    });

    const links = Array.isArray(body.links) ? (body.links as { rel?: unknown; href?: unknown }[]) : [];
    const full = limit > 0 && items.length >= limit;
    if (links.length === 0) {
      if (!full) return { backups, pages: page, complete: true };
      s.violation({
        pointer: '/links',
        keyword: 'pagination',
        message: `a full page (${items.length} backups, limit=${limit}) has no next link`,
        expected: 'a next link',
        actual: body.links,
      });
      return { backups, pages: page, complete: false };
    }
    if (!full) {
      s.violation({
        pointer: '/links',
        keyword: 'pagination',
        message: `a page that is not full (${items.length} backups, limit=${limit}) has a next link`,
        expected: 'no links',
        actual: body.links,
      });
    }
    const index = Math.max(
      0,
      links.findIndex((l) => l.rel === 'next'),
    );
    const pointer = `/links/${index}/href`;
    const href = links[index]?.href;
    let next: URL;
    try {
      next = new URL(String(href));
    } catch {
      s.violation({ pointer, keyword: 'pagination', message: 'the next link is not a URL', expected: 'an absolute URL', actual: href });
      return { backups, pages: page, complete: false };
    }
    const expectedMarker = (marker ?? 0) + limit;
    if (next.searchParams.get('marker') !== String(expectedMarker)) {
      s.violation({
        pointer,
        keyword: 'pagination',
        message: 'the next link does not carry the offset of the next page as its marker',
        expected: `marker=${expectedMarker}`,
        actual: href,
      });
      return { backups, pages: page, complete: false };
    }
    const withoutMarker = (q: URLSearchParams) =>
      [...q]
        .filter(([k]) => k !== 'marker')
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
    if (withoutMarker(next.searchParams) !== withoutMarker(params)) {
      s.violation({
        pointer,
        keyword: 'pagination',
        message: 'the next link changes the query (only marker may change)',
        expected: withoutMarker(params),
        actual: href,
      });
    }
    if (!next.pathname.endsWith(projectPath(s.ctx.project, rest))) {
      s.violation({
        pointer,
        keyword: 'pagination',
        message: 'the next link points to another resource',
        expected: projectPath(s.ctx.project, rest),
        actual: href,
      });
      return { backups, pages: page, complete: false };
    }
    marker = expectedMarker;
  }
  s.violation({ pointer: '/links', keyword: 'pagination', message: `the list did not end within ${MAX_PAGES} pages of ${limit}` });
  return { backups, pages: MAX_PAGES, complete: false };
}
