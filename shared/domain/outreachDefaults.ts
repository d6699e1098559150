import type { TemplateKind } from './outreachTemplate';

/**
 * The templates a new console starts with, for the default taxonomy (taxonomy.ts). Written to be
 * read by someone who left: plain, short, an apology where one is owed, an offer rather than a
 * pitch, and always a way to say no. A category-specific template wins over the general one of
 * its kind; a manager edits or adds to them in Admin, Message templates.
 *
 * No template greets by reason name or quotes the customer: `{{their_words}}` exists for managers
 * who want it, but repeating someone's complaint back to them in a mass message reads badly.
 */
export interface TemplateDef {
  id: string;
  kind: TemplateKind;
  categoryId: string | null;
  name: string;
  subject: string;
  body: string;
}

/** "template.what-changed.price" -> "what-changed_price": a catalogue key cannot be both a text and a parent. */
export function templateKey(id: string): string {
  return id.replace(/^template\./, '').replace(/\./g, '_');
}

/** Signed by the company: a customer nobody has called yet has no agent's name to sign with. */
const SIGN_OFF = `The {{company}} team`;

const WHAT_CHANGED = (id: string, categoryId: string | null, name: string, opening: string, closing: string): TemplateDef => ({
  id,
  kind: 'what_changed',
  categoryId,
  name,
  subject: 'What we changed since you left {{company}}',
  body: `Dear {{first_name}},

${opening}

What changed: {{what_changed}} (since {{fixed_on}}).

${closing}

With thanks,
${SIGN_OFF}`,
});

export const DEFAULT_TEMPLATES: TemplateDef[] = [
  WHAT_CHANGED(
    'template.what-changed',
    null,
    'What changed (any reason)',
    'When you left us, you told us why. We listened, and we want you to know what we did about it.',
    'If it makes a difference to you, we would be glad to have you back. If not, thank you for telling us: it helped.',
  ),
  WHAT_CHANGED(
    'template.what-changed.price',
    'price',
    'What changed: price and value',
    'You left us because of what you were paying for what you got. That was fair feedback, and it was not only yours.',
    'If you would like to see what your bill would look like now, reply to this message and we will work it out with you. No obligation.',
  ),
  WHAT_CHANGED(
    'template.what-changed.competitor',
    'competitor',
    'What changed: against the competition',
    'You chose another provider, and we took a hard look at why.',
    'If you ever want to compare, we will give you an honest side-by-side. Either way, we wish you well.',
  ),
  WHAT_CHANGED(
    'template.what-changed.product-fit',
    'product-fit',
    'What changed: product fit',
    'You told us the product did not do what you needed, or was harder to use than it should be.',
    'If you would like, one of us can walk you through it in twenty minutes. Just reply with a time that suits you.',
  ),
  WHAT_CHANGED(
    'template.what-changed.service',
    'service',
    'What changed: service',
    'We are sorry for the service you had from us. It was not good enough, and we have changed how we work because of it.',
    'We know trust is earned back, not asked for. If you are willing to give us another try, reply and we will make it easy.',
  ),
  WHAT_CHANGED(
    'template.what-changed.payment-admin',
    'payment-admin',
    'What changed: payments and admin',
    'You left after a problem with payment or paperwork. That should never cost anyone their service.',
    'If you would like to come back, we will set it up with you, with no fees for the trouble.',
  ),
  WHAT_CHANGED(
    'template.what-changed.changed-needs',
    'changed-needs',
    'What changed: when needs change',
    'Your needs changed when you left, and that is fine. We have made it simpler to pause or come back.',
    'Whenever the time is right for you, we will be here. There is nothing you need to do now.',
  ),
  WHAT_CHANGED(
    'template.what-changed.passive',
    'passive',
    'What changed: staying useful',
    'We noticed we had stopped being useful to you, and we have worked on that.',
    'If you are curious, reply and we will show you what is new. If not, no more from us on this.',
  ),
  WHAT_CHANGED(
    'template.what-changed.unknown',
    'unknown',
    'What changed: reason not known',
    'We never quite learned why you left, and we would still like to. In the meantime, here is something we fixed.',
    'If something else made you go, a one-line reply telling us would mean a lot.',
  ),
  {
    id: 'template.new-feature',
    kind: 'new_feature',
    categoryId: null,
    name: 'New feature or product',
    subject: 'Something new at {{company}} you asked for',
    body: `Dear {{first_name}},

Since you left, we have added something customers like you asked for: {{what_changed}}

If it would make a difference to you, reply to this message and we will show you how it works. If not, thank you for reading.

With thanks,
${SIGN_OFF}`,
  },
  {
    id: 'template.special-offer',
    kind: 'special_offer',
    categoryId: null,
    name: 'Special offer',
    subject: 'An offer to come back to {{company}}',
    body: `Dear {{first_name}},

We would like to have you back, so here is an offer for you alone: {{offer}}.

Your code is {{code}}. It can be used once, until {{expiry}}.

No pressure: if now is not the time, simply let it pass.

With thanks,
${SIGN_OFF}`,
  },
  {
    id: 'template.special-offer.price',
    kind: 'special_offer',
    categoryId: 'price',
    name: 'Special offer: price and value',
    subject: 'A better price to come back to {{company}}',
    body: `Dear {{first_name}},

You left because of the price, so we want to put a better one in front of you: {{offer}}.

Your code is {{code}}. It can be used once, until {{expiry}}.

If it still does not add up for you, that is fine, and thank you for telling us.

With thanks,
${SIGN_OFF}`,
  },
  {
    id: 'template.reactivation',
    kind: 'reactivation',
    categoryId: null,
    name: 'Reactivation window',
    subject: 'You can still change your mind until {{window_closes}}',
    body: `Dear {{first_name}},

A short note: until {{window_closes}} you can undo your decision to leave, and your account, history and settings come back as they were.

After that date we will close it for good. If you would like to come back, simply reply to this message.

With thanks,
${SIGN_OFF}`,
  },
  {
    id: 'template.reactivation.changed-needs',
    kind: 'reactivation',
    categoryId: 'changed-needs',
    name: 'Reactivation window: changed needs',
    subject: 'Your account is kept for you until {{window_closes}}',
    body: `Dear {{first_name}},

Your needs changed when you left, so we kept your account as it was. Until {{window_closes}} you can pick up where you left off, with nothing to set up again.

If the time is not right, there is nothing to do.

With thanks,
${SIGN_OFF}`,
  },
  {
    id: 'template.referral',
    kind: 'referral',
    categoryId: null,
    name: 'Referral',
    subject: 'A thank-you from {{company}}',
    body: `Dear {{first_name}},

Thank you for the time you were with us. If you know someone we could help, this code gives them a welcome offer: {{code}} (until {{expiry}}).

We would be glad to hear from you too, whenever you like.

With thanks,
${SIGN_OFF}`,
  },
];
