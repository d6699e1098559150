import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Automatic updates are off unless IT turns them on, since many floors have no internet. IT points
 * the console at a feed (a web folder holding the files `npm run dist` produces) with an environment
 * variable or a JSON file; see docs/it-guide.md. Nothing here imports Electron.
 */
export const UPDATE_URL_ENV = 'WINBACK_UPDATE_URL';
export const UPDATE_CONFIG_FILE = 'update.json';

export interface UpdateConfig {
  url: string;
  checkEveryHours: number;
  /** Where the setting came from, for the log and the About dialog. */
  source: string;
}

export type UpdateConfigResult = { config: UpdateConfig | null; problem: string | null };

const FeedUrl = z
  .string()
  .trim()
  .refine((raw) => {
    try {
      const url = new URL(raw);
      return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'The update feed must be an https:// address without a user name or password.');

const UpdateFileSchema = z
  .object({
    enabled: z.boolean(),
    url: FeedUrl.optional(),
    checkEveryHours: z.number().min(1).max(24 * 7).default(6),
  })
  .strict()
  .refine((c) => !c.enabled || c.url !== undefined, 'Updates are enabled but no "url" is given.');

/** The machine-wide places IT can put update.json, by platform. */
export function machineConfigDirs(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') return [join(env.ProgramData ?? 'C:\\ProgramData', 'Winback Console')];
  if (platform === 'darwin') return ['/Library/Application Support/Winback Console'];
  return ['/etc/winback-console'];
}

function readJson(file: string): { found: false } | { found: true; value: unknown; error: string | null } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { found: false };
  }
  try {
    return { found: true, value: JSON.parse(text) as unknown, error: null };
  } catch {
    return { found: true, value: null, error: `${file} is not valid JSON` };
  }
}

/**
 * The first setting found wins: the environment variable, then the machine-wide file, then the file
 * in the person's user-data folder. A setting that does not make sense leaves updates off and says why.
 */
export function readUpdateConfig(options: { env: NodeJS.ProcessEnv; configDirs: readonly string[] }): UpdateConfigResult {
  const fromEnv = options.env[UPDATE_URL_ENV]?.trim();
  if (fromEnv) {
    const url = FeedUrl.safeParse(fromEnv);
    if (!url.success) return { config: null, problem: `${UPDATE_URL_ENV}: ${url.error.issues[0]?.message ?? 'invalid'}` };
    return { config: { url: url.data, checkEveryHours: 6, source: UPDATE_URL_ENV }, problem: null };
  }
  for (const dir of options.configDirs) {
    const file = join(dir, UPDATE_CONFIG_FILE);
    const json = readJson(file);
    if (!json.found) continue;
    if (json.error) return { config: null, problem: json.error };
    const parsed = UpdateFileSchema.safeParse(json.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { config: null, problem: `${file}: ${where}${issue?.message ?? 'invalid'}` };
    }
    if (!parsed.data.enabled || parsed.data.url === undefined) return { config: null, problem: null };
    return { config: { url: parsed.data.url, checkEveryHours: parsed.data.checkEveryHours, source: file }, problem: null };
  }
  return { config: null, problem: null };
}
