/**
 * `npm run test:reliability`: the long crash test (200 kills unless --kills N), with progress.
 * Exits non-zero when any check fails; prints the seed so a failure can be repeated with --seed.
 */
import { runCrashTest } from './crash';

function flag(name: string): number | undefined {
  // The last one wins, so `npm run test:reliability -- --kills 500` overrides the default.
  const i = process.argv.lastIndexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : undefined;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

const kills = flag('--kills') ?? 200;
const started = Date.now();
const report = await runCrashTest({
  kills,
  seed: flag('--seed'),
  onRound: (r) => {
    if (r.round % 10 === 0 || r.problems.length > 0) {
      process.stdout.write(`kill ${r.round}/${kills}: ${r.totalAcks} acknowledged so far${r.problems.length ? `, ${r.problems.length} problems` : ''}\n`);
    }
  },
});
const seconds = ((Date.now() - started) / 1000).toFixed(0);
process.stdout.write(
  `\n${report.kills} kills (${report.killsDuringStartup} during start-up) in ${seconds} s, seed ${report.seed}\n` +
    Object.entries(report.acknowledged)
      .map(([w, n]) => `  ${w}: ${n} acknowledged, all present and whole\n`)
      .join(''),
);
if (report.problems.length > 0) {
  process.stdout.write(`\nFAILED:\n${report.problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('integrity_check ok after every kill.\n');
