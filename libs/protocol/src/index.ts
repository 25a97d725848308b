export * from './lib/codes';
export * from './lib/registry';
export * from './lib/codec';
export * from './lib/messages/common.schemas';
export * from './lib/messages/room.messages';
export * from './lib/messages/game.messages';
export * from './lib/messages/control.messages';
export * from './lib/http-contract/auth.http';
