export { CHROMIUM_PATH, launchChromium } from '@pulse/testing';
