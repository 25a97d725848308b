export * from './lib/free-port';
export * from './lib/redis-server';
