// The Dredd hook file of `trove-backups check`. Dredd loads hook files
// itself, as CommonJS, in the check's own process; the work is done by the
// check's bridge (src/check/dredd/bridge.ts), which the runner puts on
// globalThis before it starts Dredd. Each hook relays to it and tells Dredd
// when it is done.
const hooks = require('hooks');

const bridge = globalThis[Symbol.for('trove-backups-contract.check.dredd-bridge')];
if (!bridge) {
  throw new Error('these hooks belong to `trove-backups check`; they cannot run under the dredd command');
}

const relay = (name) => (data, done) => {
  bridge[name](data).then(
    () => done(),
    (error) => {
      bridge.hookFailed(name, data, error);
      done();
    },
  );
};

hooks.beforeAll(relay('beforeAll'));
hooks.beforeEach(relay('beforeEach'));
hooks.beforeEachValidation(relay('beforeEachValidation'));
hooks.afterEach(relay('afterEach'));
