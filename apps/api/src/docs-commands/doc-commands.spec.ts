import { COVERAGE, coverageOf, documentedCommands, extractCommands, shellCommands } from './doc-commands';

describe('extracting commands from Markdown', () => {
  it('reads sh blocks line by line, joins continuations, keeps quoted newlines and splits off comments', () => {
    const text =
      'a --x \\\n  --y   # first\nnode -e \'one;\n  two\' "q # not a comment"\n\n# only a comment\nb\n';
    expect(shellCommands(text, 'f.md', 10)).toEqual([
      { where: 'f.md:10', text: 'a --x    --y', comment: 'first' },
      { where: 'f.md:12', text: 'node -e \'one;\n  two\' "q # not a comment"', comment: '' },
      { where: 'f.md:16', text: 'b', comment: '' },
    ]);
  });

  it('takes inline spans that start like a command, skips other fences and variable-only lines', () => {
    const markdown = [
      'Run `npm run cluster -- --nodes 2` or `LOG_FORMAT=pretty npm run dev`; not `node:net` nor `nginx -t`.',
      '```ts',
      'const x = `npm run not-a-command`;',
      '```',
      '```sh',
      'JWT_ISSUER=https://sso.example.com/realms/pulse',
      'npx nx build api',
      '```',
    ].join('\n');
    expect(extractCommands(markdown, 'd.md').map((command) => [command.where, command.text])).toEqual([
      ['d.md:1', 'npm run cluster -- --nodes 2'],
      ['d.md:1', 'LOG_FORMAT=pretty npm run dev'],
      ['d.md:7', 'npx nx build api'],
    ]);
  });
});

describe('every command the docs tell a user to type', () => {
  const commands = documentedCommands();

  it('are found (the README, docs/ and the tools READMEs have some)', () => {
    expect(commands.length).toBeGreaterThan(20);
  });

  it('each has exactly one coverage entry: a test that runs it, or a stated reason why not here', () => {
    const unmatched = commands
      .map((command) => ({
        where: command.where,
        text: command.text,
        entries: coverageOf(command).map((entry) => entry.id),
      }))
      .filter((row) => row.entries.length !== 1);
    expect(unmatched).toEqual([]);
  });

  it('and every coverage entry still matches a documented command (none left over after a docs change)', () => {
    const unused = COVERAGE.filter((entry) => !commands.some((command) => entry.matches.test(command.text)));
    expect(unused.map((entry) => entry.id)).toEqual([]);
  });
});
