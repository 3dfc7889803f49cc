// The test projects. `unit` runs in this process alone: no server of another
// process, no root, no browser (npm run test:unit, the fast loop). The
// integration projects need more, which test/helpers/provision.ts installs:
// cli (the built CLI, as a user runs it), browser (Chromium), tools (curl and
// OpenStackClient run the code samples), trove (the real Trove API server),
// package (npm pack, installed in a scratch project), check (Dredd's runs of
// the contract check against broken servers), toolchain (Redocly, the
// generator and tsc, run whole). `npm test` runs them all.
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { SKIP_ENV } from './test/helpers/provision.js';
import { missingNeeds } from './test/helpers/tools.js';

const INTEGRATION: Record<string, string[]> = {
  cli: ['test/cli/*.test.ts', 'test/check/mock.test.ts', 'test/keystone/check-os-cloud.test.ts'],
  browser: ['test/docs/browser.test.ts'],
  tools: ['test/docs/code-samples.test.ts', 'test/keystone/openstack-cli.test.ts'],
  keystone: ['test/keystone/real-keystone.test.ts', 'test/keystone/trove-keystone.test.ts'],
  trove: ['test/trove/**/*.test.ts', 'test/client/trove.test.ts', 'test/check/trove.test.ts', 'test/server/differential.test.ts'],
  package: ['test/package/**/*.test.ts'],
  check: [
    'test/check/broken-servers.test.ts',
    'test/check/reference-server.test.ts',
    'test/check/bounded.test.ts',
    'test/check/generated.test.ts',
  ],
  toolchain: ['test/spec/lint.test.ts', 'test/spec/generated.test.ts', 'test/client/readme.test.ts'],
};
// With TROVE_BACKUPS_SKIP_INTEGRATION=1, a project whose needs this machine
// lacks is left out (and named at the end) instead of installed.
const skipped = process.env[SKIP_ENV] === '1' ? missingNeeds(Object.keys(INTEGRATION)) : [];
const skippedProjects = [...new Set(skipped.map((s) => s.project))];

const integration = (name: string, include: string[]): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name, include, globalSetup: ['test/helpers/provision.ts'] },
});

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two files at a time, even on two cores: most of the suite waits on
    // servers and processes (a serial run used a third of its wall time on
    // the CPU), and two halve the run.
    maxWorkers: 2,
    // Each test file gets its own TMPDIR and must leave it empty.
    setupFiles: ['test/helpers/own-tmpdir.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // The CLI's in-process tests are in test/cli/unit/.
          exclude: Object.values(INTEGRATION).flat(),
        },
      },
      ...Object.entries(INTEGRATION)
        .filter(([name]) => !skippedProjects.includes(name))
        .map(([name, include]) => integration(name, include)),
    ],
    reporters: [
      'default',
      {
        onTestRunEnd: () => {
          for (const { project, need } of skipped) {
            console.log(
              `Skipped the ${project} tests (${SKIP_ENV}=1): this machine lacks ${need.what} (Debian: ${need.packages.join(' ')}).`,
            );
          }
        },
      },
    ],
  },
});
