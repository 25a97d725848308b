export default {
  displayName: 'api',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/api',
  // After every test passed, Jest sometimes stays up after the in-process Redis Cluster failover suite: a handle that
  // --detectOpenHandles does not show, most likely ioredis' sharded subscribers reconnecting to the killed primary
  // (cf. ioredis #2024, #2060). The suites close their apps and servers themselves; this only ends the run.
  forceExit: true,
};
