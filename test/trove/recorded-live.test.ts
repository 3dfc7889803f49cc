// Records every case of scripts/record-trove.mjs from a freshly started real
// Trove server of each release and checks it against the contract, so that the
// proof does not rest on the committed recordings alone. Each release starts
// once, when its block runs (nothing starts at import).
import { beforeAll, describe, expect, it } from 'vitest';
import { recordAll } from '../../scripts/record-trove.mjs';
import { coverageGaps, disagreements, type Recording } from '../helpers/recordings.js';
import { startTrove, TROVE_RELEASES, TROVE_START_TIMEOUT_MS } from '../helpers/trove-server.js';
import { KNOWN_MISMATCHES } from './known-mismatches.js';

describe.each(TROVE_RELEASES)('recorded live from Trove %s', (release) => {
  const recordings: Recording[] = [];
  beforeAll(async () => {
    const trove = await startTrove(release);
    try {
      for await (const exchange of recordAll(trove.url, { release })) recordings.push(exchange);
    } finally {
      await trove.stop();
    }
  }, TROVE_START_TIMEOUT_MS);

  it('covers every operation, a next page, a 404 and a 400', () => {
    expect(coverageGaps(recordings)).toEqual([]);
  });

  it('agrees with the contract, but for the pinned known mismatches', () => {
    const pinned = Object.fromEntries(Object.entries(KNOWN_MISMATCHES[release] ?? {}).map(([name, m]) => [name, m.found]));
    expect(disagreements(recordings)).toEqual(pinned);
  });
});
