// `nx run api:test` passes --forceExit (project.json; Jest takes it only as a global option, and a project config
// that names it makes every multi-project run print a validation warning). After every test passed, Jest sometimes
// stayed up after the in-process Redis Cluster failover suite: a handle that --detectOpenHandles does not show, most
// likely ioredis' sharded subscribers reconnecting to the killed primary (cf. ioredis #2024, #2060). The suites close
// their apps and servers themselves; the flag only ends the run.
export default {
  displayName: 'api',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/api',
};
