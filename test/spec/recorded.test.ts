// The exchanges committed in samples/recorded/<release>/, recorded from each
// real Trove release; test/trove/recorded-live.test.ts records them afresh.
// Where a release's recording shows the spec wrong, the disagreement is pinned
// in test/trove/known-mismatches.ts, with its reason, until the spec is fixed.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, readJson, root } from '../helpers/files.js';
import { coverageGaps, describeRecordings, disagreements, type Recording } from '../helpers/recordings.js';
import { KNOWN_MISMATCHES } from '../trove/known-mismatches.js';

const releases = readdirSync(join(root, 'samples/recorded')).filter((name) => /^\d+$/.test(name));

const recordingsOf = (release: string): Recording[] =>
  filesUnder(`samples/recorded/${release}`, '.json').map((file) => ({
    ...readJson<Omit<Recording, 'name'>>(file),
    name: basename(file, '.json'),
  }));

it('holds the recordings of Trove 18, 23 and 26', () => {
  expect(releases.sort()).toEqual(['18', '23', '26']);
});

for (const release of releases) {
  const recordings = recordingsOf(release);
  const pinned = KNOWN_MISMATCHES[release] ?? {};
  if (Object.keys(pinned).length === 0) {
    describeRecordings(`recorded from Trove ${release} in samples/recorded/${release}/`, recordings);
  } else {
    describe(`recorded from Trove ${release} in samples/recorded/${release}/`, () => {
      it('cover every operation, a next page, a 404 and a 400', () => {
        expect(coverageGaps(recordings)).toEqual([]);
      });
      it('agree with the contract, but for the pinned known mismatches', () => {
        expect(disagreements(recordings)).toEqual(Object.fromEntries(Object.entries(pinned).map(([k, v]) => [k, v.found])));
      });
    });
  }
}
