export * from './lib/free-port';
export * from './lib/redis-server';
export * from './lib/describe-with-redis';
export * from './lib/redis-cluster';
export * from './lib/chromium';
