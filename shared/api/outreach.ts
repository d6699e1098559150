import { z } from 'zod';
import { channel } from './channel';
import { MERGE_FIELDS, TEMPLATE_KINDS } from '../domain/outreachTemplate';
import { KeptSchema } from '../i18n/kept';

/**
 * Keeping in touch with departed customers: message templates per reason, "we fixed it" outreaches
 * built from a fixed issue, their delivery (a mail-merge file, .eml files, or an SMTP relay), and
 * the note a caller sees on a call made because of one.
 */
export const MESSAGE_CHANNELS = ['email', 'letter'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const MESSAGE_STATES = ['blocked', 'ready', 'queued', 'sending', 'dot', 'sent', 'failed', 'exported'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
export const MESSAGE_STATE_LABELS: Record<MessageState, string> = {
  blocked: 'Cannot be written',
  ready: 'Ready',
  queued: 'Waiting to send',
  sending: 'Sending',
  dot: 'Sending',
  sent: 'Sent',
  failed: 'Refused by the relay',
  exported: 'Handed over in an export',
};
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

const refId = z.string().min(1).max(100);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.input.dayAsIso');

export const TemplateSchema = z.object({
  id: z.string(),
  kind: z.enum(TEMPLATE_KINDS),
  categoryId: z.string().nullable(),
  reasonId: z.string().nullable(),
  /** "Price / value for money", "Too expensive", or "Every reason". */
  scope: z.string(),
  name: z.string(),
  subject: z.string(),
  body: z.string(),
  fields: z.array(z.enum(MERGE_FIELDS)),
  updatedAt: z.string(),
  retired: z.boolean(),
});
export type Template = z.infer<typeof TemplateSchema>;

export const SaveTemplateSchema = z
  .object({
    id: refId.optional(),
    kind: z.enum(TEMPLATE_KINDS),
    categoryId: refId.nullable().default(null),
    reasonId: refId.nullable().default(null),
    name: z.string().trim().min(1, 'errors.input.nameTemplate').max(120, 'errors.input.templateNameLong'),
    subject: z.string().trim().min(1, 'errors.input.writeSubject').max(300, 'errors.input.subjectLong'),
    body: z.string().trim().min(1, 'errors.input.writeMessage').max(20_000, 'errors.input.messageLong'),
  })
  .strict();
export type SaveTemplateInput = z.input<typeof SaveTemplateSchema>;

/** What a message looks like for one customer, or why it cannot be written for them. */
export const PreviewSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    templateId: z.string(),
    templateName: z.string(),
    to: z.string().nullable(),
    subject: z.string(),
    body: z.string(),
    /** Where a code would be issued, the preview shows a sample instead; nothing is handed out. */
    sampleCode: z.boolean(),
  }),
    /** Why it cannot be written or sent: by key, or the words stored with the message (shared/i18n/kept.ts). */
  z.object({ ok: z.literal(false), templateId: z.string().nullable(), templateName: z.string().nullable(), problem: KeptSchema }),
]);
export type Preview = z.infer<typeof PreviewSchema>;

export const IssueFixSchema = z.object({ whatChanged: z.string(), fixedOn: z.string() });

export const OutreachFiguresSchema = z.object({
  members: z.number().int(),
  byCall: z.number().int(),
  requeued: z.number().int(),
  blocked: z.number().int(),
  ready: z.number().int(),
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  exported: z.number().int(),
  uncertain: z.number().int(),
  reachedByCall: z.number().int(),
  told: z.number().int(),
  cameBack: z.number().int(),
  revenueBack: z.number(),
});
export type OutreachFigures = z.infer<typeof OutreachFiguresSchema>;

export const OutreachSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  issueId: z.string().nullable(),
  kind: z.enum(TEMPLATE_KINDS),
  whatChanged: z.string().nullable(),
  fixedOn: z.string().nullable(),
  byCall: z.boolean(),
  messageChannel: z.enum(MESSAGE_CHANNELS).nullable(),
  codesValidUntil: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  excluded: z.array(z.object({ why: KeptSchema, customers: z.number().int() })),
  figures: OutreachFiguresSchema,
});
export type OutreachSummary = z.infer<typeof OutreachSummarySchema>;

export const MemberSchema = z.object({
  customerId: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  monthlyRevenue: z.number().nullable(),
  byCall: z.boolean(),
  requeued: z.boolean(),
  messageState: z.enum(MESSAGE_STATES).nullable(),
  /** Why the message is blocked, failed or waiting to retry: by key, or the words stored before (shared/i18n/kept.ts). */
  problem: KeptSchema.nullable(),
  to: z.string().nullable(),
  uncertain: z.boolean(),
  sentAt: z.string().nullable(),
  calledAt: z.string().nullable(),
  callOutcome: z.string().nullable(),
});
export type Member = z.infer<typeof MemberSchema>;

export const AudienceSchema = z.object({
  /** Departed customers behind the issue's reasons who have not been won back. */
  candidates: z.number().int(),
  included: z.number().int(),
  revenue: z.number(),
  excluded: z.array(z.object({ why: KeptSchema, customers: z.number().int() })),
});
export type Audience = z.infer<typeof AudienceSchema>;

/** What the window may know of the delivery settings: never the relay's password. */
export const OutreachSettingsSchema = z.object({
  company: z.string().nullable(),
  fromAddress: z.string().nullable(),
  replyTo: z.string().nullable(),
  smtp: z
    .object({
      host: z.string(),
      port: z.number().int(),
      security: z.enum(SMTP_SECURITY),
      user: z.string().nullable(),
      passwordSet: z.boolean(),
      trustedCertificate: z.boolean(),
    })
    .nullable(),
  ratePerMinute: z.number().int(),
  hubPublicUrl: z.string().nullable(),
  /** Whether this console can ask the hub to sign unsubscribe links (a hub and its token are set). */
  hubConfigured: z.boolean(),
});
export type OutreachSettings = z.infer<typeof OutreachSettingsSchema>;

const address = z.string().trim().max(320);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const SaveOutreachSettingsSchema = z
  .object({
    company: optionalText(120).default(null),
    fromAddress: address.nullable().default(null),
    replyTo: address.nullable().default(null),
    smtp: z
      .object({
        host: z.string().trim().min(1, 'errors.input.relayHost').max(255),
        port: z.number().int().min(1, 'errors.input.port').max(65_535, 'errors.input.port'),
        security: z.enum(SMTP_SECURITY),
        user: optionalText(320).default(null),
        /** Omitted keeps the password already stored; null removes it. */
        password: z.string().max(1000).nullable().optional(),
        /** A PEM certificate to trust for a relay signed by the company's own authority; omitted keeps the stored one. */
        trustedCertificate: z.string().max(20_000).nullable().optional(),
      })
      .strict()
      .nullable()
      .default(null),
    ratePerMinute: z.number().int().min(1, 'errors.input.ratePerMinuteMin').max(6000, 'errors.input.ratePerMinuteMax').default(60),
    hubPublicUrl: optionalText(2000).default(null),
  })
  .strict();
export type SaveOutreachSettingsInput = z.input<typeof SaveOutreachSettingsSchema>;

const buildInput = z
  .object({
    issueId: refId,
    byCall: z.boolean(),
    messageChannel: z.enum(MESSAGE_CHANNELS).nullable(),
  })
  .strict();

export const outreachChannels = {
  'outreach.templates.list': channel({ input: z.object({}).strict(), output: z.object({ items: z.array(TemplateSchema) }), roles: ['manager'] }),
  'outreach.templates.save': channel({ input: SaveTemplateSchema, output: z.object({ items: z.array(TemplateSchema) }), roles: ['manager'] }),
  'outreach.templates.retire': channel({
    input: z.object({ id: refId, retired: z.boolean() }).strict(),
    output: z.object({ items: z.array(TemplateSchema) }),
    roles: ['manager'],
  }),
  /** A template (saved, or as being edited) written for one customer; nothing is produced or handed out. */
  'outreach.preview': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        templateId: refId.optional(),
        draft: z.object({ subject: z.string().max(300), body: z.string().max(20_000) }).strict().optional(),
        /** Values an outreach would give; the preview shows samples where they are absent. */
        whatChanged: z.string().max(500).optional(),
        fixedOn: day.optional(),
      })
      .strict(),
    output: PreviewSchema,
    roles: ['manager'],
  }),
  'outreach.customers.search': channel({
    input: z.object({ query: z.string().trim().min(1).max(100) }).strict(),
    output: z.object({ items: z.array(z.object({ id: z.number().int(), externalId: z.string(), name: z.string().nullable() })) }),
    roles: ['manager'],
  }),
  /** A fixed issue's customer-facing note and the outreaches built from it, with their figures. */
  'outreach.issue': channel({
    input: z.object({ issueId: refId }).strict(),
    output: z.object({ fix: IssueFixSchema.nullable(), fixed: z.boolean(), outreaches: z.array(OutreachSummarySchema) }),
    roles: ['manager'],
  }),
  /** Marks the issue fixed with what changed, in a sentence for customers, and since when. */
  'outreach.issue.fix': channel({
    input: z
      .object({
        issueId: refId,
        whatChanged: z
          .string()
          .trim()
          .min(10, 'errors.input.whatChanged')
          .max(500, 'errors.input.whatChangedLong'),
        fixedOn: day,
      })
      .strict(),
    output: z.object({ fix: IssueFixSchema }),
    roles: ['manager'],
  }),
  /** Who an outreach for the issue would reach, and who is left out and why; changes nothing. */
  'outreach.issue.audience': channel({ input: buildInput, output: AudienceSchema, roles: ['manager'] }),
  'outreach.issue.build': channel({ input: buildInput, output: OutreachSummarySchema, roles: ['manager'] }),
  'outreach.list': channel({ input: z.object({}).strict(), output: z.object({ items: z.array(OutreachSummarySchema) }), roles: ['manager'] }),
  'outreach.get': channel({ input: z.object({ id: refId }).strict(), output: OutreachSummarySchema, roles: ['manager'] }),
  'outreach.members': channel({
    input: z
      .object({
        id: refId,
        state: z.enum([...MESSAGE_STATES, 'call']).optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(MemberSchema), total: z.number().int() }),
    roles: ['manager'],
  }),
  /** One customer's message in an outreach, as it is (or would be) delivered. */
  'outreach.message': channel({
    input: z.object({ id: refId, customerId: z.number().int().positive() }).strict(),
    output: PreviewSchema,
    roles: ['manager'],
  }),
  /** Writes the messages not yet delivered again with the templates as they are now. */
  'outreach.recompose': channel({
    input: z.object({ id: refId }).strict(),
    output: OutreachSummarySchema,
    roles: ['manager'],
  }),
  /** A mail-merge CSV (email or letter) or a zip of .eml files, for the company's own tools. */
  'outreach.export': channel({
    input: z.object({ id: refId, format: z.enum(['csv', 'eml']) }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), messages: z.number().int() }),
    roles: ['manager'],
  }),
  /** Queues the ready emails for the SMTP relay; the sender works through them at the set rate. */
  'outreach.send': channel({
    input: z.object({ id: refId }).strict(),
    output: OutreachSummarySchema,
    roles: ['manager'],
  }),
  'outreach.settings.get': channel({ input: z.object({}).strict(), output: OutreachSettingsSchema, roles: ['manager'] }),
  'outreach.settings.set': channel({ input: SaveOutreachSettingsSchema, output: OutreachSettingsSchema, roles: ['manager'] }),
  /** Connects to the relay and signs in, sending nothing. */
  'outreach.smtp.test': channel({ input: z.object({}).strict(), output: z.object({ ok: z.literal(true), host: z.string() }), roles: ['manager'] }),
  /** Unsubscribes recorded at the hub since the last pull. */
  'outreach.objections.pull': channel({ input: z.object({}).strict(), output: z.object({ received: z.number().int() }), roles: ['manager'] }),
  /** For the call screen: what changed since this customer left, from the outreaches that put them in the queue. */
  'outreach.callNote': channel({
    input: z.object({ customerId: z.number().int().positive() }).strict(),
    output: z.object({ notes: z.array(z.object({ whatChanged: z.string(), fixedOn: z.string().nullable(), issueTitle: z.string().nullable() })) }),
  }),
};
