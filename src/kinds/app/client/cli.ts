/**
 * The MitID app on the command line: `npm run app -- <command>` (usage: parseCliArgs.ts).
 */
import { runCli } from './runCli.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
