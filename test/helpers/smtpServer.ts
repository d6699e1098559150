import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** What the in-process relay accepted: each message as the client sent it, with its Message-ID. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
  messageId: string | null;
}

export interface TestRelay {
  port: number;
  received: ReceivedMail[];
  /** Answers for the next messages' final dot, by recipient: a 5xx or 4xx text to refuse with. */
  refuse: Map<string, { code: number; message: string }>;
  close: () => Promise<void>;
}

/** The Message-ID header of raw message bytes (headers end at the first empty line). */
export function messageIdOf(raw: Buffer): string | null {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0] ?? '';
  return /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? null;
}

/**
 * A real SMTP server (the `smtp-server` package) on loopback, plain text (the console allows
 * that only to this computer), requiring the given login when one is set. A message counts as
 * received when the server answers 250 after its final dot: that is what the relay holds.
 */
export async function startTestRelay(
  options: {
    user?: string;
    password?: string;
    extra?: Partial<SMTPServerOptions>;
    /** Runs after a message's final dot and before the relay answers 250 (to lose that answer on purpose). */
    beforeAnswer?: (mail: ReceivedMail) => Promise<void>;
  } = {},
): Promise<TestRelay> {
  const received: ReceivedMail[] = [];
  const refuse = new Map<string, { code: number; message: string }>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    // No reverse DNS of the client: loopback needs none, and the lookup costs seconds where DNS is absent.
    disableReverseLookup: true,
    authOptional: options.user === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const refusal = to.map((t) => refuse.get(t)).find((r) => r !== undefined);
        if (refusal) {
          const error = new Error(refusal.message) as Error & { responseCode: number };
          error.responseCode = refusal.code;
          return callback(error);
        }
        const raw = Buffer.concat(chunks);
        const mail = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, raw, messageId: messageIdOf(raw) };
        // The relay holds the message from its final dot on, whether or not its 250 reaches the client.
        received.push(mail);
        if (!options.beforeAnswer) return callback(null);
        void options.beforeAnswer(mail).then(() => callback(null));
        return undefined;
      });
    },
    ...options.extra,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, received, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
