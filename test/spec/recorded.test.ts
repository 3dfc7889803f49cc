// The exchanges committed in samples/recorded/, recorded from a real Trove
// 18.0.0 server; test/trove/recorded-live.test.ts records them afresh.
import { basename } from 'node:path';
import { filesUnder, readJson } from '../helpers/files.js';
import { describeRecordings, type Recording } from '../helpers/recordings.js';

const recordings = filesUnder('samples/recorded', '.json').map((file) => ({
  ...readJson<Omit<Recording, 'name'>>(file),
  name: basename(file, '.json'),
}));

describeRecordings('recorded from Trove in samples/recorded/', recordings);
