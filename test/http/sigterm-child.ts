/**
 * The `corridor` command as a child process, for tests that signal it:
 * `node --import tsx test/http/sigterm-child.ts serve --config FILE --db FILE --port 0`.
 */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
