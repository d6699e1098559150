#!/usr/bin/env node
// The `winback` command. Runs the TypeScript sources directly (through tsx), so it works right
// after `npm install` with no build step to remember.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `Winback Console needs Node.js 22 or newer; this is Node.js ${process.versions.node}.\n` +
      'Install Node.js 24 LTS and run the command again.\n',
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv);
