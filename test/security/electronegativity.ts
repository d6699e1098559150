// `npm run test:security` (and a step of `npm test`): Electronegativity, pinned in package.json, over
// the built console. FAILS on any high or medium finding that test/security/electronegativity-accepted.json
// does not justify in words, and on any file the tool could not parse (a scan with holes).
//
// The tool is unmaintained. It exits 0 even with a high finding; its command line no longer starts
// (it relies on a hoisted `commander` of an older major version); and called as a library it writes
// its CSV asynchronously with no signal when done. So this script calls its runner and reads the
// findings the runner returns (the rows its CSV is made of), and writes its own CSV for people.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ToolIssue {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  file: string;
  location?: { line?: number; column?: number };
  sample?: string;
  description: string;
}
interface ToolResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: ToolIssue[];
}
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<ToolResult>;
interface I18n {
  configure: (options: Record<string, unknown>) => void;
  setLocale: (locale: string) => void;
}

export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}
export interface Accepted {
  check: string;
  file?: string;
  /** Part of the finding's code sample: a new use of the same API is a new finding. */
  sample?: string;
  justification: string;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const toolRequire = createRequire(join(toolDir, 'dist', 'runner.js'));
const ACCEPTED = join(root, 'test', 'security', 'electronegativity-accepted.json');

/**
 * The built console in one scan: the global checks (CSP, navigation limits, permission handler)
 * look across main process, preload and page together, as they run.
 */
export const SCANNED = 'out';

/**
 * The tool downloads translations from GitHub before every scan and then falls back to the English
 * texts it ships. Offline that download only costs a timeout and leaves a timer that can crash the
 * process later, so the module is replaced by the local set-up it falls back to.
 */
function offlineTranslations() {
  const i18nModule = join(toolDir, 'dist', 'locales', 'i18n.js');
  const i18n = toolRequire('i18n') as I18n;
  const setUp = () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nModule),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
    return Promise.resolve();
  };
  require.cache[i18nModule] = { id: i18nModule, filename: i18nModule, loaded: true, exports: setUp } as unknown as NodeJS.Module;
}

/** One finding as the tool's CSV has it. */
export function toRow(issue: ToolIssue): Finding {
  return {
    issue: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file,
    location: `${String(issue.location?.line ?? 0)}:${String(issue.location?.column ?? 0)}`,
    sample: issue.sample ?? '',
    description: issue.description,
  };
}

/** Findings that fail the build: HIGH or MEDIUM, and not accepted for this check (file, code) with a reason. */
export function unjustified(rows: Finding[], accepted: Accepted[]): Finding[] {
  return rows.filter((f) => {
    if (f.severity !== 'HIGH' && f.severity !== 'MEDIUM') return false;
    return !accepted.some(
      (a) =>
        a.check === f.issue &&
        (a.file === undefined || f.file === a.file) &&
        (a.sample === undefined || f.sample.includes(a.sample)) &&
        typeof a.justification === 'string' &&
        a.justification.trim().length >= 40,
    );
  });
}

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

async function main() {
  const { accepted } = JSON.parse(readFileSync(ACCEPTED, 'utf8')) as { accepted: Accepted[] };
  const input = join(root, SCANNED);
  if (!existsSync(join(input, 'main')) || !existsSync(join(input, 'preload')) || !existsSync(join(input, 'renderer'))) {
    process.stderr.write(`${SCANNED}/ is missing or incomplete: build the console first (npm run build).\n`);
    process.exit(1);
  }
  offlineTranslations();
  const run = toolRequire('./runner.js') as Runner;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const electronVersion = pkg.devDependencies.electron;
  const result = await run(
    {
      input,
      customScan: [],
      // Asks the internet which Electron releases carry security fixes: no network here.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  const rows = result.issues.map(toRow);
  const outDir = join(root, 'test', 'artifacts');
  mkdirSync(outDir, { recursive: true });
  const csvFile = join(outDir, 'electronegativity.csv');
  const header: (keyof Finding)[] = ['issue', 'severity', 'confidence', 'file', 'location', 'sample', 'description'];
  writeFileSync(csvFile, [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(','))].join('\n') + '\n');

  const holes = result.errors.filter((e) => !e.tolerable);
  const failing = unjustified(rows, accepted);
  const counts = rows.reduce<Record<string, number>>((c, f) => ({ ...c, [f.severity]: (c[f.severity] ?? 0) + 1 }), {});
  process.stdout.write(
    `Electronegativity ${(toolRequire('../package.json') as { version: string }).version} (${result.atomicChecks + result.globalChecks} checks) on ${SCANNED}/: ` +
      `${rows.length} findings (${Object.entries(counts).map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ') || 'none'}); ` +
      `report in ${relative(root, csvFile)}\n`,
  );
  for (const f of rows.filter((x) => !failing.includes(x) && (x.severity === 'HIGH' || x.severity === 'MEDIUM'))) {
    process.stdout.write(`  accepted with a justification: ${f.severity} ${f.issue} in ${f.file}\n`);
  }
  if (holes.length > 0) {
    process.stdout.write(`\nThe tool could not parse ${holes.length} file(s), so the scan is incomplete:\n`);
    for (const e of holes) process.stdout.write(`  ${relative(root, e.file)}: ${e.message}\n`);
  }
  if (failing.length > 0) {
    process.stdout.write(`\n${failing.length} high or medium finding(s) without a written justification:\n`);
    for (const f of failing) process.stdout.write(`  ${f.severity} ${f.issue} in ${f.file}:${f.location}: ${f.description}\n    ${f.sample}\n`);
    process.stdout.write(`Fix them, or justify each in ${relative(root, ACCEPTED)}.\n`);
  }
  process.exit(holes.length > 0 || failing.length > 0 ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
