export default {
  displayName: 'web',
  preset: '../../jest.preset.js',
  testEnvironment: 'jsdom',
  // The preset's setup files (the shifted test clock) and jsdom's missing encoders; a project's list replaces the preset's.
  setupFiles: ['<rootDir>/../../tools/scripts/jest-shifted-clock.js', '<rootDir>/jest.jsdom-globals.js'],
  coverageDirectory: '../../coverage/apps/web',
};
