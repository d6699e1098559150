import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * What goes wrong between a console and the hub, injected on loopback:
 * - refuse-500: the hub answers 500 without storing anything;
 * - close: the connection is closed before the hub sees the batch;
 * - hang: no answer at all (the console times out);
 * - ack-then-close: the hub stores the batch, its answer is lost;
 * - ingest-then-500 / ingest-then-hang: stored, then a 500 or silence instead of the answer;
 * - twice: the same batch delivered twice (the console sees the second answer);
 * - kill: the hub process is SIGKILLed while it ingests, then restarted on the same store.
 */
export type Fault = 'pass' | 'refuse-500' | 'close' | 'hang' | 'ack-then-close' | 'ingest-then-500' | 'ingest-then-hang' | 'twice' | 'kill';

interface Forwarded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** `winback hub serve` in a child process, as an operator runs it, so it can really be killed. */
export class HubProcess {
  child: ChildProcess | null = null;
  port: number | null = null;
  starts = 0;
  constructor(
    private readonly dataDir: string,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<number> {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'winback.mjs'), 'hub', 'serve', '--port', '0', '--data', this.dataDir], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^listening http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m?.[1]) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${err}`)));
    });
    this.port = port;
    return port;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.port = null;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

export class FaultProxy {
  readonly stats: Record<Fault, number> = { pass: 0, 'refuse-500': 0, close: 0, hang: 0, 'ack-then-close': 0, 'ingest-then-500': 0, 'ingest-then-hang': 0, twice: 0, kill: 0 };
  /** Events the hub answered "duplicate" for: resends that changed nothing. */
  duplicatesReported = 0;
  private server: Server | null = null;
  private eventRequests = 0;
  private restarting: Promise<unknown> | null = null;

  constructor(
    private readonly hub: HubProcess,
    private readonly plan: (n: number) => Fault,
    private readonly random: () => number,
  ) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await this.restarting;
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private forward(req: IncomingMessage, body: Buffer): Promise<Forwarded> {
    const port = this.hub.port;
    if (port === null) return Promise.reject(new Error('hub is down'));
    return new Promise((resolve, reject) => {
      const out = request(
        { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${port}` } },
        (up) => {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            const forwarded: Forwarded = { status: up.statusCode ?? 502, headers: {}, body: Buffer.concat(chunks) };
            for (const [k, v] of Object.entries(up.headers)) if (typeof v === 'string' && k !== 'connection' && k !== 'keep-alive') forwarded.headers[k] = v;
            if (req.url === '/v1/events' && forwarded.status === 200) {
              this.duplicatesReported += (JSON.parse(forwarded.body.toString()) as { duplicate: unknown[] }).duplicate.length;
            }
            resolve(forwarded);
          });
          up.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const isBatch = req.method === 'POST' && req.url === '/v1/events';
    if (this.hub.port === null) {
      req.socket.destroy();
      return;
    }
    const fault = isBatch ? this.plan(this.eventRequests++) : 'pass';
    this.stats[fault] += 1;
    const send = (f: Forwarded) => res.writeHead(f.status, f.headers).end(f.body);
    try {
      switch (fault) {
        case 'refuse-500':
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"internal","message":"injected"}}');
          return;
        case 'close':
          req.socket.destroy();
          return;
        case 'hang':
          return;
        case 'ack-then-close':
          await this.forward(req, body);
          req.socket.destroy();
          return;
        case 'ingest-then-500':
          await this.forward(req, body);
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"internal","message":"injected"}}');
          return;
        case 'ingest-then-hang':
          await this.forward(req, body);
          return;
        case 'twice':
          await this.forward(req, body);
          send(await this.forward(req, body));
          return;
        case 'kill': {
          const inFlight = this.forward(req, body).catch(() => null);
          // Somewhere inside the ingest: the batch transaction either committed whole or not at all.
          await new Promise((r) => setTimeout(r, Math.floor(this.random() * 20)));
          await this.hub.kill('SIGKILL');
          await inFlight;
          req.socket.destroy();
          this.restarting = this.hub.start();
          await this.restarting;
          return;
        }
        default:
          send(await this.forward(req, body));
      }
    } catch {
      req.socket.destroy();
    }
  }
}

/** A small deterministic generator, so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
