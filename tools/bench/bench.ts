/**
 * Pulse vs a plain `ws` relay vs a plain Socket.IO relay. See tools/bench/README.md.
 *
 *   node -r @swc-node/register tools/bench/bench.ts [scenario|all|soak|profile [scenario]|report|list] [--runs 3] [--duration-s N]
 */
import { parseBenchArgs, USAGE } from './cli/bench-args';
import { openSession } from './cli/bench-session';
import { profileCommand } from './cli/profile.command';
import { scenariosCommand } from './cli/scenarios.command';
import { soakCommand } from './cli/soak.command';
import { writeDocs } from './cli/write-docs';
import { findScenario, SCENARIOS } from './scenarios/catalog';

async function main(argv: readonly string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  switch (args.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return;
    case 'list':
      for (const scenario of SCENARIOS)
        process.stdout.write(`${scenario.name.padEnd(14)} ${scenario.title}\n`);
      return;
    case 'report':
      process.stdout.write(
        writeDocs() ? 'docs/benchmarks.md rewritten\n' : 'no `all` result in tmp/bench yet\n',
      );
      return;
    case 'soak':
      return soakCommand(openSession(args, argv));
    case 'profile':
      return profileCommand(openSession(args, argv));
    case 'all':
      return scenariosCommand(openSession(args, argv), SCENARIOS, 'all');
    default: {
      const scenario = findScenario(args.command);
      if (!scenario) throw new Error(`unknown scenario "${args.command}"\n${USAGE}`);
      return scenariosCommand(openSession(args, argv), [scenario], scenario.name);
    }
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
