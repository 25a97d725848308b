export default {
  displayName: 'packaging',
  preset: '../../jest.preset.js',
  // The consumers spec installs two projects from npm's cache and builds them: minutes, not seconds.
  testTimeout: 600000,
};
