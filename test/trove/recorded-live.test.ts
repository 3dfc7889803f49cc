// Records every case of scripts/record-trove.mjs from a freshly started real
// Trove server and checks it against the contract, so that the proof does not
// rest on the committed recordings alone.
import { afterAll } from 'vitest';
import { recordAll } from '../../scripts/record-trove.mjs';
import { describeRecordings, type Recording } from '../helpers/recordings.js';
import { startTrove } from '../helpers/trove-server.js';

const trove = await startTrove();
afterAll(() => trove.stop());

const recordings: Recording[] = [];
try {
  for await (const exchange of recordAll(trove.url)) recordings.push(exchange);
} catch (err) {
  await trove.stop();
  throw err;
}

describeRecordings(`recorded live from Trove at ${trove.url}`, recordings);
