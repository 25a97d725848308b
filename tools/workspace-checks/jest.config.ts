export default {
  displayName: 'workspace-checks',
  preset: '../../jest.preset.js',
  testTimeout: 600000,
};
