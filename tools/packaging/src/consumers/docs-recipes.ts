import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../packages/published-packages';

export const RECIPES_DOC = 'docs/extending.md';
const SECTION = '## Installing the packages';

/** One step of a recipe, in the order the page gives them: a file to write or a shell command to run. */
export type RecipeStep =
  | { readonly kind: 'file'; readonly path: string; readonly content: string }
  | { readonly kind: 'command'; readonly line: string };

export interface Recipe {
  readonly title: string;
  readonly steps: readonly RecipeStep[];
}

const FILE_MARKER = /^(?:\/\/|<!--)\s*file:\s*(\S+?)\s*(?:-->)?$/;

/**
 * The recipes of docs/extending.md's "Installing the packages": each `###` heading with its fenced blocks. A block
 * whose first line is `// file: PATH` (or `<!-- file: PATH -->`) is a file, the rest of the block its content; an
 * `sh` block is commands, one a line (`#` starts a comment).
 */
export function readRecipes(markdown = readFileSync(join(WORKSPACE_ROOT, RECIPES_DOC), 'utf8')): Recipe[] {
  const start = markdown.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`${RECIPES_DOC} has no "${SECTION}" section`);
  const end = markdown.indexOf('\n## ', start + SECTION.length + 2);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  return section
    .split('\n### ')
    .slice(1)
    .map((part) => {
      const title = part.slice(0, part.indexOf('\n')).trim();
      const steps: RecipeStep[] = [];
      for (const [, language, body] of part.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
        const [first, ...rest] = body.split('\n');
        const file = FILE_MARKER.exec(first.trim());
        if (file) steps.push({ kind: 'file', path: file[1], content: rest.join('\n') });
        else if (language === 'sh') {
          for (const line of body.split('\n').map((l) => l.replace(/#.*$/, '').trim())) {
            if (line !== '') steps.push({ kind: 'command', line });
          }
        }
      }
      return { title, steps };
    });
}

export interface CommandLine {
  readonly env: Record<string, string>;
  readonly command: string;
  readonly args: string[];
}

/** `A=1 B=2 cmd arg...` (no quoting: the recipes need none). */
export function parseCommandLine(line: string): CommandLine {
  const words = line.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const word = words.shift() as string;
    env[word.slice(0, word.indexOf('='))] = word.slice(word.indexOf('=') + 1);
  }
  const [command, ...args] = words;
  if (!command) throw new Error(`no command in "${line}"`);
  return { env, command, args };
}
