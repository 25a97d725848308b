import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../../..');

/** The documents that tell a user what to type, relative to the workspace root. */
export const DOCUMENTS = [
  'README.md',
  'docs/architecture.md',
  'docs/auth.md',
  'docs/benchmarks.md',
  'docs/chat-and-lobby.md',
  'docs/collaboration.md',
  'docs/delivery.md',
  'docs/extending.md',
  'docs/operations.md',
  'docs/scaling.md',
  'docs/security.md',
  'tools/bench/README.md',
  'tools/nginx/README.md',
] as const;

export interface DocCommand {
  /** `README.md:42` */
  readonly where: string;
  /** The command as a shell reads it: continuation lines joined, comments dropped. */
  readonly text: string;
  /** The comment written after it (`# then send ...`), if any. */
  readonly comment: string;
}

/**
 * Every command in a ```sh block (one per shell line; a line that only sets variables, like the IdP settings in
 * docs/auth.md, is configuration, not a command), and every inline `code` span that starts like one
 * (`npm ...`, `npx ...`, `node -r ...`, `VAR=value npm ...`).
 */
export function extractCommands(markdown: string, file: string): DocCommand[] {
  const commands: DocCommand[] = [];
  const inline = /`((?:[A-Z_]+=\S+ )*(?:npm|npx|node -r|node -e) [^`]+)`/g;
  let fence: { shell: boolean; start: number; text: string } | undefined;
  markdown.split('\n').forEach((line, index) => {
    const opening = /^```(\S*)/.exec(line);
    if (opening) {
      if (!fence) fence = { shell: ['sh', 'bash', 'shell'].includes(opening[1]), start: index + 2, text: '' };
      else {
        if (fence.shell) commands.push(...shellCommands(fence.text, file, fence.start));
        fence = undefined;
      }
    } else if (fence) {
      fence.text += `${line}\n`;
    } else {
      for (const match of line.matchAll(inline)) {
        commands.push({ where: `${file}:${index + 1}`, text: match[1].trim(), comment: '' });
      }
    }
  });
  return commands.filter((command) => !/^([A-Za-z_][A-Za-z0-9_]*=\S*\s*)+$/.test(command.text));
}

/** Splits shell text into commands: newlines outside quotes end one, `\`+newline continues it, `#` starts a comment. */
export function shellCommands(text: string, file: string, firstLine: number): DocCommand[] {
  const commands: DocCommand[] = [];
  let current = '';
  let comment = '';
  let quote: '"' | "'" | undefined;
  let line = firstLine;
  let startLine = firstLine;
  const finish = () => {
    if (current.trim()) {
      commands.push({ where: `${file}:${startLine}`, text: current.trim(), comment: comment.trim() });
    }
    current = '';
    comment = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
      if (char === '\n') line++;
      current += char;
    } else if (char === '\\' && text[i + 1] === '\n') {
      i++;
      line++;
      current += ' ';
    } else if (char === "'" || char === '"') {
      quote = char;
      current += char;
    } else if (char === '#' && (current === '' || /\s$/.test(current))) {
      const end = text.indexOf('\n', i);
      comment += text.slice(i + 1, end < 0 ? undefined : end);
      i = (end < 0 ? text.length : end) - 1;
    } else if (char === '\n') {
      finish();
      line++;
      startLine = line;
    } else {
      current += char;
    }
  }
  finish();
  return commands;
}

export function documentedCommands(): DocCommand[] {
  return DOCUMENTS.flatMap((file) => extractCommands(readFileSync(join(ROOT, file), 'utf8'), file));
}

/** How a documented command is checked: by a test that runs it, or not here, and why. */
export type Coverage =
  | { readonly id: string; readonly matches: RegExp; readonly runBy: string }
  | { readonly id: string; readonly matches: RegExp; readonly notHere: string };

/**
 * One entry per kind of documented command. Every command in DOCUMENTS must match exactly one entry, and every
 * entry must match a command (doc-commands.spec.ts). A test that runs commands takes them from the docs with
 * `commandsFor(id)`, so what it runs is what the docs say.
 */
export const COVERAGE: readonly Coverage[] = [
  {
    id: 'cluster',
    matches:
      /^(?:[A-Z_]+=\S+ )*(?:npm run cluster|node -r @swc-node\/register tools\/scripts\/cluster\.ts)(?! .*--host 0\.0\.0\.0)/,
    runBy: 'docs-commands/cluster-command.e2e.spec.ts',
  },
  {
    id: 'cluster-all-interfaces',
    matches: /^npm run cluster -- --host 0\.0\.0\.0$/,
    notHere:
      'binds every interface; tests stay on 127.0.0.0/8 (the --host flag is the same code path as the default)',
  },
  {
    id: 'readme-tour',
    matches: /^(?:TOKEN=\$\(curl|TICKET=\$\(curl|node -e .*require\("ws"\))/,
    runBy: 'docs-commands/readme-tour.e2e.spec.ts',
  },
  { id: 'docs-env', matches: /^npm run docs:env$/, runBy: 'docs-commands/npm-scripts.e2e.spec.ts' },
  {
    id: 'bench-validator',
    matches: /^npm run bench:validator$/,
    runBy: 'docs-commands/npm-scripts.e2e.spec.ts',
  },
  {
    id: 'bench-quick',
    matches: /^node -r @swc-node\/register tools\/bench\/bench\.ts (?:list|two-nodes-redis)$/,
    runBy: 'docs-commands/npm-scripts.e2e.spec.ts',
  },
  {
    id: 'bench-long',
    matches:
      /^node -r @swc-node\/register tools\/bench\/bench\.ts (?:all|soak|profile|one-room-1000|report|reconnect-storm|msgpack-room-100|cluster|SCENARIO)\b/,
    notHere:
      'minutes of load on every core, or a rewrite of docs/benchmarks.md; the same entry point runs in the ' +
      'bench-quick tests (list, and two-nodes-redis with --smoke)',
  },
  {
    id: 'bench-auth-http',
    matches: /^node -r @swc-node\/register tools\/bench\/http\/auth-http\.bench\.ts\b/,
    notHere:
      'two Nest apps under HTTP load on every core for a minute; its code is type-checked and linted with the rest ' +
      'of tools/bench (bench-checks)',
  },
  {
    id: 'bench-collab',
    matches:
      /^(?:node -r @swc-node\/register tools\/bench\/collab\/collab\.bench\.ts\b|npm install --prefix \$\(mktemp -d\) )/,
    notHere:
      'installs y-websocket@1.5.4 from the registry into a temporary folder and loads every core for a minute or more; ' +
      'its code is type-checked and linted with the rest of tools/bench (bench-checks)',
  },
  {
    id: 'generator',
    matches: /^npx nx g @pulse\/tools:feature (?:[a-z-]+|<name>)$/,
    notHere:
      'tools/generators/src/feature/generator.workspace.spec.ts runs it in a copy of the workspace (run here, it ' +
      'would write into the working tree) and checks that the result compiles, lints and passes its tests',
  },
  {
    id: 'bench-checks',
    matches: /^npx (?:tsc --noEmit -p tools\/bench\/tsconfig\.json|eslint tools\/bench)$/,
    runBy: 'docs-commands/npm-scripts.e2e.spec.ts',
  },
  {
    id: 'nx-targets',
    matches: /^npx nx (?:run-many|affected|test|build) /,
    notHere:
      'nx targets: `npm test` runs `nx run-many -t lint typecheck build test` over every project, and this ' +
      "project's test target depends on api:build and web:build, the build the docs ask for first",
  },
  {
    id: 'start-and-test',
    matches: /^(?:npm ci && npm start|npm start|npm ci|npm test)$/,
    runBy:
      'operations/npm-start.e2e.spec.ts runs `npm start` (build, serve, SIGTERM drains and exits 0, SIGKILL to the ' +
      'group leaves nothing); .ci/run runs `npm ci` and `npm test` on a clean clone',
  },
  {
    id: 'production-path',
    matches:
      /^(?:npm ci --omit=dev(?: --no-audit --no-fund)?(?: && npm run start:prod)?|(?:NODE_ENV=production JWT_SECRET=\.\.\. )?npm run start:prod)$/,
    runBy: 'operations/production-install.e2e.spec.ts',
  },
  {
    id: 'docker',
    matches: /^docker (?:build|run) /,
    notHere:
      'no Docker engine runs on these machines; operations/production-install.e2e.spec.ts runs the same steps ' +
      'without it and checks the Dockerfile against them',
  },
  {
    id: 'package-consumers',
    matches:
      /^(?:npm init -y|npm pkg set type=module|npm install (?:--save-dev )?(?:@pulse\/|vite@|typescript@)|npx tsc$|npx vite (?:build|preview)|PULSE_URL=\S+ npx vite preview|JWT_SECRET=\S+ node dist\/main\.js|npm pack)/,
    runBy:
      'tools/packaging/src/consumers/consumers.e2e.spec.ts follows both recipes of "Installing the packages" from ' +
      'docs/extending.md in projects outside the workspace, with the packed tarballs',
  },
  {
    id: 'release-dry-run',
    matches: /^npx nx release \S+ --dry-run\b/,
    runBy:
      'tools/packaging/src/release/release-dry-run.spec.ts (with --first-release: no release tag exists yet)',
  },
  {
    id: 'release',
    matches: /^npx nx release \S+$/,
    notHere:
      'writes versions and changelogs, commits and tags; the dry-run entry runs the same release without writing',
  },
  {
    id: 'format',
    matches: /^npm run format$/,
    notHere:
      'rewrites files in the working tree; `npm test` runs the same Prettier over the same files with --check',
  },
  {
    id: 'dev',
    matches: /^(?:LOG_FORMAT=pretty )?npm run dev$/,
    runBy: 'docs-commands/dev-command.e2e.spec.ts',
  },
];

export function coverageOf(command: DocCommand): Coverage[] {
  return COVERAGE.filter((entry) => entry.matches.test(command.text));
}

/** The documented commands an entry covers, each once (the same command in two documents is run once). */
export function commandsFor(id: string): DocCommand[] {
  const entry = COVERAGE.find((candidate) => candidate.id === id);
  if (!entry) throw new Error(`no coverage entry "${id}"`);
  const seen = new Set<string>();
  return documentedCommands().filter((command) => {
    if (!entry.matches.test(command.text) || seen.has(command.text)) return false;
    seen.add(command.text);
    return true;
  });
}
