// trove-backups check: contract-tests a Backups API server (see src/check/).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BUNDLED_DEVIATIONS } from '../check/deviations.js';
import { exitCodeOf, type Section } from '../check/report.js';
import { formatHeader, formatResult, formatSectionTitle, formatSummary } from '../check/reporters/cli.js';
import { isReporterName, REPORTERS } from '../check/reporters/index.js';
import { type CheckOptions, DEFAULT_TIMEOUT_MS, runCheck } from '../check/run.js';
import { environmentHasLogin } from '../keystone/config.js';
import { KeystoneConfigError } from '../keystone/errors.js';
import { resolveTarget } from '../keystone/resolve-target.js';
import { UsageError } from './command.js';

export const summary = 'contract-test a Backups API server with Dredd and a stateful flow';

export const usage = `Usage: trove-backups check --endpoint URL --token TOKEN [options]
       trove-backups check --os-cloud NAME [options]   (or with OS_* variables set)

Runs Dredd on the bundled contract against a server (one transaction per
documented status, provoked or skipped with the reason; every body checked
against the full JSON Schema), then a stateful flow (create a backup, wait
until COMPLETED, show, list every page, incremental, delete, 404), and
exits 1 on any violation that no listed deviation excuses.

Options:
  --endpoint URL            the Database endpoint, as the service catalog lists it
                            (https://host:8779/v1.0/<project_id>), or the API root with --project
  --token TOKEN             X-Auth-Token of a non-admin user of the project
  --project ID              the project, when --endpoint does not end in /v1.0/<project_id>
  --admin-token TOKEN       an admin's token: also checks admin listings and another project's backup
  --admin-project ID        the admin token's project (default: the same project)
  --os-cloud NAME           log in to Keystone with this cloud of clouds.yaml (+ secure.yaml)
                            instead of --token, and take the endpoint from the catalog; without
                            --token and --os-cloud, OS_CLOUD or OS_AUTH_URL and the OS_* variables
  --admin-os-cloud NAME     log the admin in with this cloud, instead of --admin-token
  --instance ID             an ACTIVE instance of the project, to back up (without it, the
                            cases and steps that need one are skipped)
  --read-only               send no request that could change the server (no POST, no DELETE)
  --only OPERATION          only the cases of this operation (an operationId, e.g. getBackup)
  --target auto|server|mock auto (default) detects a Prism mock by its answer to Prefer: code=
  --known-deviations FILE   a JSON list of known deviations of the server (see the README);
                            bundled: ${Object.keys(BUNDLED_DEVIATIONS).join(', ')}
  --reporter cli|junit|json the report format (default cli)
  --output FILE             write the report there (the cli report still goes to stdout)
  --timeout SECONDS         how long to wait for a backup to complete or go (default ${DEFAULT_TIMEOUT_MS / 1000})
  -h, --help                this help

Exit code: 0 when the server honours the contract, 1 on any violation, 2 on a usage error.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      endpoint: { type: 'string' },
      token: { type: 'string' },
      project: { type: 'string' },
      'admin-token': { type: 'string' },
      'admin-project': { type: 'string' },
      'os-cloud': { type: 'string' },
      'admin-os-cloud': { type: 'string' },
      instance: { type: 'string' },
      'read-only': { type: 'boolean' },
      only: { type: 'string' },
      target: { type: 'string' },
      'known-deviations': { type: 'string' },
      reporter: { type: 'string', default: 'cli' },
      output: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; see trove-backups check --help`);
  const reporter = values.reporter;
  if (!isReporterName(reporter)) throw new UsageError(`--reporter must be cli, junit or json, not "${reporter}"`);
  const target = values.target ?? 'auto';
  if (target !== 'auto' && target !== 'server' && target !== 'mock')
    throw new UsageError(`--target must be auto, server or mock, not "${target}"`);
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a number of seconds, not "${values.timeout}"`);
    timeoutMs = seconds * 1000;
  }

  // The cli report is printed as the cases finish (a real server takes a
  // while to complete a backup); other formats go to --output or, at the
  // end, to stdout.
  const streaming = reporter === 'cli' || values.output !== undefined;
  if (values.token !== undefined && !values.endpoint)
    throw new UsageError('--endpoint is required with --token; see trove-backups check --help');
  if (values.token === undefined && values['os-cloud'] === undefined && !environmentHasLogin()) {
    throw new UsageError('--token is required (or --os-cloud NAME, or OS_CLOUD / OS_AUTH_URL); see trove-backups check --help');
  }
  let login: Awaited<ReturnType<typeof resolveTarget>>;
  try {
    login = await resolveTarget({
      endpoint: values.endpoint,
      token: values.token,
      cloud: values['os-cloud'],
      adminToken: values['admin-token'],
      adminCloud: values['admin-os-cloud'],
    });
  } catch (err) {
    if (err instanceof KeystoneConfigError) throw new UsageError(`${err.message}; see trove-backups check --help`);
    console.error(`trove-backups check: ${(err as Error).message}`);
    return 1;
  }
  const options: CheckOptions = {
    endpoint: login.endpoint,
    token: login.token,
    target,
    timeoutMs,
    readOnly: values['read-only'] ?? false,
  };
  if (values.project !== undefined) options.project = values.project;
  if (login.adminToken !== undefined) options.adminToken = login.adminToken;
  const adminProject = values['admin-project'] ?? login.adminProject;
  if (adminProject !== undefined) options.adminProject = adminProject;
  if (values.instance !== undefined) options.instance = values.instance;
  if (values.only !== undefined) options.only = values.only;
  if (values['known-deviations'] !== undefined) options.knownDeviations = values['known-deviations'];
  if (streaming) {
    let section: Section | undefined;
    options.onStart = (header) => console.log(formatHeader(header));
    options.onResult = (result) => {
      if (result.section !== section) {
        section = result.section;
        console.log(formatSectionTitle(section));
      }
      console.log(formatResult(result));
    };
  }

  let report: Awaited<ReturnType<typeof runCheck>>;
  try {
    report = await runCheck(options);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    console.error(`trove-backups check: ${(err as Error).message}`);
    return 1;
  }
  if (values.output !== undefined) writeFileSync(values.output, REPORTERS[reporter](report));
  if (streaming) console.log(formatSummary(report));
  else process.stdout.write(REPORTERS[reporter](report));
  return exitCodeOf(report);
}
