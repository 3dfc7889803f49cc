// trove-backups check: contract-tests a Backups API server (see src/check/).
// The CLI's part: flags, the report's format and destination, colour and
// live progress on a terminal, Ctrl-C, and the exit codes.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_DEVIATIONS } from '../check/deviations.js';
import { CheckInputError, type CheckOptionName, ServerUnusableError } from '../check/errors.js';
import { DEFAULT_GENERATED_RUNS } from '../check/generated/run.js';
import { REQUEST_TIMEOUT_MS } from '../check/http.js';
import { type CheckReport, type Section, type Verdict, verdictOf } from '../check/report.js';
import { formatHeader, formatResult, formatSectionTitle, formatSummary, type Style, styleFor } from '../check/reporters/cli.js';
import { isReporterName, REPORTERS, type ReporterName } from '../check/reporters/index.js';
import { type CheckOptions, DEFAULT_TIMEOUT_MS, runCheck } from '../check/run.js';
import { environmentHasLogin } from '../keystone/config.js';
import { KeystoneConfigError } from '../keystone/errors.js';
import { resolveTarget } from '../keystone/resolve-target.js';
import { UsageError } from './command.js';

export const summary = 'contract-test a Backups API server with Dredd, a stateful flow and generated tests';

/** The exit codes, one per verdict (and 2 for a usage error). */
export const EXIT_CODES: Record<Verdict | 'usage', number> = {
  passed: 0,
  failed: 1,
  usage: 2,
  unusable: 3,
  incomplete: 4,
  interrupted: 130,
};

export const usage = `Usage: trove-backups check --endpoint URL --token TOKEN [options]
       trove-backups check --os-cloud NAME [options]   (or with OS_* variables set)

Runs Dredd on the bundled contract against a server (one transaction per
documented status, provoked or skipped with the reason; every body checked
against the full JSON Schema), then a stateful flow (create a backup, wait
until COMPLETED, show, list every page, incremental, delete, 404), then
tests generated from the contract's schemas, and deletes what it created.

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
  --known-deviations FILE   a JSON list of known deviations of the server (docs/contract-testing.md);
                            bundled: ${Object.keys(BUNDLED_DEVIATIONS).join(', ')}
  --generate N              how many generated requests and sequences (default ${DEFAULT_GENERATED_RUNS}; 0: none)
  --seed N                  the seed of the generated tests: the same seed replays them
  --require-coverage        exit 4 when a case was skipped for a reason you can act on
                            (a missing --instance or --admin-token, the deadline, ...)
  --fail-on-skip            the same as --require-coverage
  --reporter cli|junit|json the report format (default: from --output's extension, else cli)
  --output FILE             write the report there (the cli report still goes to stdout)
  --timeout SECONDS         how long to wait for a backup to complete or go (default ${DEFAULT_TIMEOUT_MS / 1000})
  --request-timeout SECONDS how long one request may take (default ${REQUEST_TIMEOUT_MS / 1000})
  --deadline SECONDS        end the whole run, cleanup included, within this time
  -h, --help                this help

Ctrl-C (or SIGTERM) stops the run, deletes what it created, prints the
report so far; a second Ctrl-C quits at once. Colour and live progress only
on a terminal (NO_COLOR turns colour off).

Exit codes: 0 the server honours the contract; 1 a violation that no listed
deviation excuses; 2 a usage error; 3 the server cannot be checked (no
answer, or it stopped answering); 4 incomplete (the deadline was reached, or
--require-coverage and something was not checked); 130 interrupted.`;

const FLAGS: Record<CheckOptionName, string> = {
  endpoint: '--endpoint',
  token: '--token',
  project: '--project',
  adminToken: '--admin-token',
  adminProject: '--admin-project',
  only: '--only',
  knownDeviations: '--known-deviations',
  timeout: '--timeout',
  deadline: '--deadline',
  requestTimeout: '--request-timeout',
  generate: '--generate',
  seed: '--seed',
};

function parse(argv: string[]) {
  return parseArgs({
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
      generate: { type: 'string' },
      seed: { type: 'string' },
      'require-coverage': { type: 'boolean' },
      'fail-on-skip': { type: 'boolean' },
      reporter: { type: 'string' },
      output: { type: 'string' },
      timeout: { type: 'string' },
      'request-timeout': { type: 'string' },
      deadline: { type: 'string' },
    },
  });
}

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0) throw new UsageError(`${flag} must be a number of seconds, not "${value}"`);
  return s * 1000;
}

function count(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 2 ** 31 - 1)
    throw new UsageError(`${flag} must be a whole number from ${min}, not "${value}"`);
  return n;
}

/** --reporter, else the format --output's extension names, else cli. */
function reporterFor(reporter: string | undefined, output: string | undefined): ReporterName {
  if (reporter !== undefined) {
    if (!isReporterName(reporter)) throw new UsageError(`--reporter must be cli, junit or json, not "${reporter}"`);
    return reporter;
  }
  const ext = output === undefined ? '' : extname(output).toLowerCase();
  return ext === '.xml' ? 'junit' : ext === '.json' ? 'json' : 'cli';
}

/** The endpoint and tokens: from the flags, or a Keystone login (--os-cloud, OS_*). */
type Login = Awaited<ReturnType<typeof resolveTarget>>;

async function loginFrom(values: ReturnType<typeof parse>['values']): Promise<Login> {
  if (values.token !== undefined && !values.endpoint)
    throw new UsageError('--endpoint is required with --token; see trove-backups check --help');
  if (values.token === undefined && values['os-cloud'] === undefined && !environmentHasLogin()) {
    throw new UsageError('--token is required (or --os-cloud NAME, or OS_CLOUD / OS_AUTH_URL); see trove-backups check --help');
  }
  try {
    return await resolveTarget({
      endpoint: values.endpoint,
      token: values.token,
      cloud: values['os-cloud'],
      adminToken: values['admin-token'],
      adminCloud: values['admin-os-cloud'],
    });
  } catch (err) {
    if (err instanceof KeystoneConfigError) throw new UsageError(`${err.message}; see trove-backups check --help`);
    throw err;
  }
}

function optionsFrom(values: ReturnType<typeof parse>['values'], login: Login): CheckOptions {
  const target = values.target ?? 'auto';
  if (target !== 'auto' && target !== 'server' && target !== 'mock')
    throw new UsageError(`--target must be auto, server or mock, not "${target}"`);
  const options: CheckOptions = { endpoint: login.endpoint, token: login.token, target, readOnly: values['read-only'] ?? false };
  const optional: { [K in keyof CheckOptions]?: CheckOptions[K] | undefined } = {
    project: values.project,
    adminToken: login.adminToken,
    adminProject: values['admin-project'] ?? login.adminProject,
    instance: values.instance,
    only: values.only,
    knownDeviations: values['known-deviations'],
    timeoutMs: seconds('--timeout', values.timeout),
    requestTimeoutMs: seconds('--request-timeout', values['request-timeout']),
    deadlineMs: seconds('--deadline', values.deadline),
    generate: count('--generate', values.generate, 0),
    seed: count('--seed', values.seed, 0),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) (options as unknown as Record<string, unknown>)[key] = value;
  return options;
}

/** The cli report as the cases finish, and the live progress line of a wait (on a terminal only). */
function streamTo(options: CheckOptions, style: Style): void {
  let section: Section | undefined;
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) process.stderr.write('\r\x1b[K');
    progressShown = false;
  };
  options.onStart = (header) => console.log(formatHeader(header, style));
  options.onResult = (result) => {
    clearProgress();
    if (result.section !== section) {
      section = result.section;
      console.log(formatSectionTitle(section, style));
    }
    console.log(formatResult(result, style));
  };
  if (process.stderr.isTTY) {
    options.onProgress = ({ waitingFor, elapsedMs }) => {
      process.stderr.write(`\r\x1b[K${style.dim(`  … waiting for ${waitingFor} (${Math.round(elapsedMs / 1000)} s)`)}`);
      progressShown = true;
    };
  }
}

/** Ctrl-C or SIGTERM: the first stops the run (cleanup, report so far), the second quits at once. */
function onStopSignals(controller: AbortController): () => void {
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write(`\n${signal} again: quitting without the cleanup.\n`);
      process.exit(EXIT_CODES.interrupted);
    }
    process.stderr.write(`\n${signal}: stopping; deleting what the check created (Ctrl-C again to quit at once).\n`);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; see trove-backups check --help`);
  const reporter = reporterFor(values.reporter, values.output);
  let login: Login;
  try {
    login = await loginFrom(values);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // Keystone refused the login or could not be reached: nothing of the server was checked.
    console.error(`trove-backups check: ${(err as Error).message}`);
    return EXIT_CODES.unusable;
  }
  const options = optionsFrom(values, login);
  const style = styleFor(process.stdout.isTTY === true && !process.env.NO_COLOR);

  // The cli report is printed as the cases finish (a real server takes a
  // while to complete a backup); other formats go to --output or, at the
  // end, to stdout.
  const streaming = reporter === 'cli' || values.output !== undefined;
  if (streaming) streamTo(options, style);
  const controller = new AbortController();
  options.signal = controller.signal;
  const release = onStopSignals(controller);

  let report: CheckReport;
  try {
    report = await runCheck(options);
  } catch (err) {
    if (err instanceof CheckInputError) throw new UsageError(err.option ? `${FLAGS[err.option]} ${err.message}` : err.message);
    if (err instanceof ServerUnusableError) {
      console.error(`trove-backups check: ${err.message}`);
      return EXIT_CODES.unusable;
    }
    throw err;
  } finally {
    release();
  }
  if (values.output !== undefined) writeFileSync(values.output, REPORTERS[reporter](report));
  const requireCoverage = (values['require-coverage'] ?? false) || (values['fail-on-skip'] ?? false);
  const verdict = verdictOf(report, { requireCoverage });
  if (streaming) console.log(formatSummary(report, style, verdict));
  else process.stdout.write(REPORTERS[reporter](report));
  return EXIT_CODES[verdict];
}
