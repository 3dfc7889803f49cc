// Runs a serving subcommand of the built CLI (start, docs, mock) as a user
// does, waits for the URLs it prints, and stops it with a signal.
import { expect } from 'vitest';
import { type CliResult, type SpawnedCli, spawnCli } from '../helpers/cli.js';
import { childrenOf, isListening, processMarker } from '../helpers/processes.js';

export interface ServingCli {
  cli: SpawnedCli;
  urls: { docs?: string; mock?: string };
  /** Sends the signal, waits for the exit, and checks that no process and no port is left. */
  stop: (signal: NodeJS.Signals) => Promise<CliResult>;
  /** Every process spawned by this run that still exists (it and its descendants). */
  leftovers: () => number[];
}

export async function startServing(args: string[], env: Record<string, string> = {}): Promise<ServingCli> {
  const marker = processMarker();
  const cli = spawnCli(args, { env: { ...marker.env, ...env } });
  const output = await cli.waitFor(/Ctrl-C stops/, 90_000);
  const urls: ServingCli['urls'] = {};
  const docs = /^Docs:\s+(http:\/\/\S+)/m.exec(output)?.[1];
  const mock = /^Mock API:\s+(http:\/\/\S+)/m.exec(output)?.[1];
  if (docs) urls.docs = docs;
  if (mock) urls.mock = mock;
  return {
    cli,
    urls,
    leftovers: marker.processes,
    stop: async (signal) => {
      // Everything runs in the CLI's own process once it is up: no child to leave behind.
      expect(childrenOf(cli.child.pid ?? -1)).toEqual([]);
      cli.child.kill(signal);
      const result = await cli.exited(30_000);
      for (const url of Object.values(urls)) expect(await isListening(Number(new URL(url).port)), `${url} still answers`).toBe(false);
      expect(marker.processes()).toEqual([]);
      return result;
    },
  };
}
