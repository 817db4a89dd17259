import { Command } from 'commander';
import { registerCoreCommands } from './core-commands.ts';
import { registerCatalogCommands } from './catalog-commands.ts';
import { registerImportCommands } from './import-commands.ts';
import { registerDemoCommands } from './demo-commands.ts';
import { registerCallsCommands } from './calls-commands.ts';
import { registerKpiCommands } from './kpi-commands.ts';
import { registerTextCommands } from './text-commands.ts';

// Each domain adds its commands in its own file; this only assembles them.
const program = new Command('tajriba')
  .description('Tajriba — beneficiary-experience platform / منصة تجربة المستفيد')
  .showHelpAfterError();

registerCoreCommands(program);
registerCatalogCommands(program);
registerImportCommands(program);
registerDemoCommands(program);
registerCallsCommands(program);
registerKpiCommands(program);
registerTextCommands(program);

program.parseAsync(process.argv).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
