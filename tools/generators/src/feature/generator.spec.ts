import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { flattenDiagnosticMessageText, JsxEmit, ScriptTarget, transpileModule } from 'typescript';
import { FEATURE_PATHS, featureGenerator } from './generator';

/** Minimal copies of the files the generator edits, shaped like the real ones. */
const REGISTRY = `import type { Static, TObject } from '@sinclair/typebox';
import { ChatEvent, ChatRequest } from './messages/chat.messages';
import { JoinMessage, SnapshotMessage } from './messages/room.messages';

export const clientMessageSchemas = {
  join: JoinMessage,
  chat: ChatRequest,
  'chat-history': ChatRequest,
} as const satisfies Record<string, TObject>;

export const serverMessageSchemas = {
  snapshot: SnapshotMessage,
  chat: ChatEvent
} as const satisfies Record<string, TObject>;

export type ClientMessageOf<T extends keyof typeof clientMessageSchemas> = Static<(typeof clientMessageSchemas)[T]>;
`;

const INDEX = `export * from './lib/registry';
export * from './lib/messages/room.messages';
export * from './lib/messages/chat.messages';
export * from './lib/asyncapi/asyncapi';
`;

const TYPES_SPEC = `describe('registry types', () => {
  it('lists every type once', () => {
    expect(clientMessageTypes).toEqual(['join', 'chat', 'chat-history']);
    expect(serverMessageTypes).toEqual(['snapshot', 'chat']);
  });
});
`;

const APP_MODULE = `import { type DynamicModule, Module } from '@nestjs/common';
import { ChatModule } from './chat/chat.module';
import { GameModule } from './game/game.module';

@Module({})
export class AppModule {
  static forRoot(config: { shardedPubSub: boolean }): DynamicModule {
    const game = GameModule.forRoot({});
    return {
      module: AppModule,
      imports: [
        game,
        ChatModule.forRoot({ game, shardedPubSub: config.shardedPubSub }),
      ],
      providers: [{ provide: 'CONFIG', useValue: { imports: [] } }],
    };
  }
}
`;

function seededTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(FEATURE_PATHS.registry, REGISTRY);
  tree.write(FEATURE_PATHS.protocolIndex, INDEX);
  tree.write(FEATURE_PATHS.registryTypesSpec, TYPES_SPEC);
  tree.write(FEATURE_PATHS.appModule, APP_MODULE);
  return tree;
}

const read = (tree: Tree, file: string) => tree.read(file, 'utf-8') ?? '';

/** Syntax errors of a TypeScript(X) source, as TypeScript reports them (no type check). */
function syntaxErrors(file: string, source: string): string[] {
  const output = transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { experimentalDecorators: true, jsx: JsxEmit.ReactJSX, target: ScriptTarget.ES2022 },
  });
  return (output.diagnostics ?? []).map(
    (d) => `${file}: ${flattenDiagnosticMessageText(d.messageText, '\n')}`,
  );
}

const GENERATED = [
  'libs/protocol/src/lib/messages/price-alert.messages.ts',
  'apps/api/src/price-alert/price-alert.module.ts',
  'apps/api/src/price-alert/price-alert.gateway.ts',
  'apps/api/src/price-alert/price-alert-member.guard.ts',
  'apps/api/src/price-alert/price-alert.e2e.spec.ts',
  'apps/web/src/realtime/use-price-alert.ts',
  'apps/web/src/realtime/use-price-alert.spec.ts',
];

describe('feature generator', () => {
  let tree: Tree;
  beforeEach(() => (tree = seededTree()));

  it('writes the messages, the NestJS feature with its guard and e2e spec, and the React hook with its spec', async () => {
    await featureGenerator(tree, { name: 'price-alert' });
    for (const file of GENERATED) expect(tree.exists(file)).toBe(true);
    for (const file of GENERATED) {
      const source = read(tree, file);
      expect(source).not.toMatch(/<%|%>|__fileName__/);
      expect(syntaxErrors(file, source)).toEqual([]);
    }
    expect(read(tree, GENERATED[0])).toContain(
      "export const PriceAlertRequest = Type.Object(\n  { type: Type.Literal('price-alert'), room: RoomName",
    );
    expect(read(tree, GENERATED[0])).toContain('export const PRICE_ALERT_TEXT_MAX_LENGTH = 200;');
    const gateway = read(tree, 'apps/api/src/price-alert/price-alert.gateway.ts');
    expect(gateway).toContain(
      "@OnMessage('price-alert')\n  @UseGuards(PriceAlertMemberGuard)\n  async priceAlert(",
    );
    expect(read(tree, 'apps/api/src/price-alert/price-alert-member.guard.ts')).toContain(
      'this.rooms.requireMember(connection, room);',
    );
    expect(read(tree, 'apps/api/src/price-alert/price-alert.e2e.spec.ts')).toContain(
      'startTestApp({ JWT_SECRET: SECRET })',
    );
    expect(read(tree, 'apps/web/src/realtime/use-price-alert.ts')).toContain(
      'export function usePriceAlert(room: string): PriceAlert {',
    );
  });

  it("appends the registry entries at the end of each map, after the registry's imports", async () => {
    await featureGenerator(tree, { name: 'price-alert' });
    const registry = read(tree, FEATURE_PATHS.registry);
    expect(registry).toContain(
      "import { JoinMessage, SnapshotMessage } from './messages/room.messages';\n" +
        "import { PriceAlertEvent, PriceAlertRequest } from './messages/price-alert.messages';\n\n",
    );
    expect(registry).toContain(
      "  'chat-history': ChatRequest,\n  'price-alert': PriceAlertRequest,\n} as const",
    );
    // The last server entry had no trailing comma: one is added.
    expect(registry).toContain("  chat: ChatEvent,\n  'price-alert': PriceAlertEvent,\n} as const");
  });

  it('writes a one-word feature as a bare key', async () => {
    await featureGenerator(tree, { name: 'poll' });
    const registry = read(tree, FEATURE_PATHS.registry);
    expect(registry).toContain('  poll: PollRequest,\n} as const');
    expect(registry).toContain('  poll: PollEvent,\n} as const');
  });

  it("exports the messages from the protocol's index and adds the type to the registry's type test", async () => {
    await featureGenerator(tree, { name: 'price-alert' });
    expect(read(tree, FEATURE_PATHS.protocolIndex)).toBe(
      "export * from './lib/registry';\nexport * from './lib/messages/room.messages';\nexport * from './lib/messages/chat.messages';\n" +
        "export * from './lib/messages/price-alert.messages';\nexport * from './lib/asyncapi/asyncapi';\n",
    );
    const spec = read(tree, FEATURE_PATHS.registryTypesSpec);
    expect(spec).toContain(
      "expect(clientMessageTypes).toEqual(['join', 'chat', 'chat-history', 'price-alert']);",
    );
    expect(spec).toContain("expect(serverMessageTypes).toEqual(['snapshot', 'chat', 'price-alert']);");
  });

  it('adds the type to type lists that Prettier wrote one per line, with a trailing comma', async () => {
    tree.write(
      FEATURE_PATHS.registryTypesSpec,
      "expect(clientMessageTypes).toEqual([\n  'join',\n  'chat',\n]);\nexpect(serverMessageTypes).toEqual([\n  'snapshot',\n]);\n",
    );
    await featureGenerator(tree, { name: 'price-alert' });
    const spec = read(tree, FEATURE_PATHS.registryTypesSpec);
    expect(spec).toContain(
      "expect(clientMessageTypes).toEqual([\n  'join',\n  'chat',\n  'price-alert',\n]);",
    );
    expect(spec).toContain("expect(serverMessageTypes).toEqual([\n  'snapshot',\n  'price-alert',\n]);");
  });

  it("registers the module last in AppModule's imports, and imports it", async () => {
    await featureGenerator(tree, { name: 'price-alert' });
    const appModule = read(tree, FEATURE_PATHS.appModule);
    expect(appModule).toContain(
      "import { GameModule } from './game/game.module';\nimport { PriceAlertModule } from './price-alert/price-alert.module';\n",
    );
    expect(appModule).toContain(
      '        ChatModule.forRoot({ game, shardedPubSub: config.shardedPubSub }),\n        PriceAlertModule,\n      ],',
    );
    expect(appModule).toContain('useValue: { imports: [] }');
    expect(syntaxErrors('app.module.ts', appModule)).toEqual([]);
  });

  it.each([
    ['PriceAlert', /kebab-case/],
    ['price_alert', /kebab-case/],
    ['1st-alert', /kebab-case/],
    ['price--alert', /kebab-case/],
    ['a'.repeat(41), /at most 40/],
    ['chat', /already has a message of type "chat"/],
    ['chat-history', /already has a message of type "chat-history"/],
  ])('refuses the name %s and leaves the workspace untouched', async (name, reason) => {
    await expect(featureGenerator(tree, { name })).rejects.toThrow(reason);
    expect(
      tree
        .listChanges()
        .map((change) => change.path)
        .sort(),
    ).toEqual(
      seededTree()
        .listChanges()
        .map((change) => change.path)
        .sort(),
    );
    expect(read(tree, FEATURE_PATHS.registry)).toBe(REGISTRY);
    expect(read(tree, FEATURE_PATHS.appModule)).toBe(APP_MODULE);
  });

  it('refuses a feature whose folder already exists', async () => {
    tree.write('apps/api/src/price-alert/notes.md', 'taken');
    await expect(featureGenerator(tree, { name: 'price-alert' })).rejects.toThrow(
      'apps/api/src/price-alert already exists',
    );
    expect(read(tree, FEATURE_PATHS.registry)).toBe(REGISTRY);
  });

  it('says what it could not do by itself instead of failing when the type test has another shape', async () => {
    tree.write(FEATURE_PATHS.registryTypesSpec, "it('lists the types', () => expect(types).toEqual([]));\n");
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    await featureGenerator(tree, { name: 'price-alert' });
    expect(warn).toHaveBeenCalledWith(
      `${FEATURE_PATHS.registryTypesSpec}: add 'price-alert' to the expected type lists by hand`,
    );
    warn.mockRestore();
    expect(read(tree, FEATURE_PATHS.registryTypesSpec)).toBe(
      "it('lists the types', () => expect(types).toEqual([]));\n",
    );
    expect(read(tree, FEATURE_PATHS.registry)).toContain("'price-alert': PriceAlertRequest");
  });
});
