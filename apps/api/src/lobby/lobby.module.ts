import { type DynamicModule, Module } from '@nestjs/common';
import { LobbyController } from './lobby.controller';

export interface LobbyModuleOptions {
  /** The app's game module (the same instance): the lobby reads its shared presence. */
  game: DynamicModule;
}

/** The room list behind `GET /rooms`. */
@Module({})
export class LobbyModule {
  static forRoot(options: LobbyModuleOptions): DynamicModule {
    return { module: LobbyModule, imports: [options.game], controllers: [LobbyController] };
  }
}
