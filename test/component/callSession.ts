import type { CallSession, Offer, OfferRule, TaxonomyCategory } from '../../shared/api/call';
import type { CustomerCard } from '../../shared/api/customers';
import type { Session } from '../../shared/api/session';
import { initialCallState } from '../../shared/domain/callMachine';
import { DEFAULT_OFFERS, DEFAULT_OFFER_RULES } from '../../shared/domain/offers';
import { DEFAULT_TAXONOMY } from '../../shared/domain/taxonomy';
import type { Role } from '../../shared/domain/roles';

export const CALL_ID = '6f1c2a8e-1b7d-4c8e-9a0b-3d2e1f0a9b8c';

export function taxonomy(): TaxonomyCategory[] {
  return DEFAULT_TAXONOMY.map((c) => ({
    id: c.id,
    name: c.name,
    approach: c.approach,
    recoverable: c.recoverable,
    retired: false,
    reasons: c.reasons.map((r) => ({ ...r, retired: r.id === 'price.unused-features' })),
  }));
}

export function offers(): Offer[] {
  return DEFAULT_OFFERS.map((o) => ({
    id: o.id,
    name: o.name,
    type: o.type,
    talkingPoints: o.talkingPoints,
    percent: o.percent ?? null,
    durationMonths: o.durationMonths ?? null,
    generatesCode: o.generatesCode ?? false,
    product: o.product ?? null,
    retired: false,
  }));
}

export function rules(): OfferRule[] {
  return DEFAULT_OFFER_RULES.map((r) => ({
    id: r.id,
    priority: r.priority,
    categoryId: r.categoryId ?? null,
    reasonId: r.reasonId ?? null,
    product: r.product ?? null,
    segment: r.segment ?? null,
    minRevenue: r.minRevenue ?? null,
    maxRevenue: r.maxRevenue ?? null,
    offerId: r.offerId,
  }));
}

export function callSession(role: Role = 'agent', over: Partial<CallSession> = {}): CallSession {
  return {
    customer: {
      id: 7,
      externalId: 'C-7',
      name: 'Ada Example',
      company: null,
      phone: '+1 555-0107',
      email: null,
      timezone: 'America/Los_Angeles',
      segment: 'Month-to-month',
      product: 'DSL',
      monthlyRevenue: 99.5,
      tenureMonths: 40,
      departedAt: '2026-11-01',
      statedReason: 'Price too high',
      statedReasonId: 'price.too-expensive',
      statedReasonName: 'Too expensive',
      statedCategoryId: 'price',
      statedCategoryName: 'Price / value for money',
      frontlineRep: 'Rep Avery',
      frontlineTeam: 'Billing desk',
      notes: null,
      cycle: 'November 2026',
      attempts: 1,
      consent: { phone: null, email: null, post: null },
      callBlock: null,
      history: [
        {
          callId: 'k0',
          at: '2026-11-10T10:00:00Z',
          caller: 'Sam Agent',
          callerRole: 'agent',
          outcome: 'no_answer',
          reason: null,
          assistActions: ['opened_ticket'],
          assistNote: 'Ticket 4411 for the bill',
          offers: [{ name: 'Reactivation period', answer: 'declined' }],
        },
      ],
    },
    caller: { id: 'p1', name: role === 'executive' ? 'Morgan Exec' : 'Ann Agent', role },
    taxonomy: taxonomy(),
    offers: offers(),
    rules: rules(),
    state: initialCallState({ callId: CALL_ID, customerId: 7, startedAt: '2026-11-16T15:00:00Z', frontlineRep: 'Rep Avery', frontlineTeam: 'Billing desk' }),
    restoredFrom: null,
    ...over,
  };
}

export function appSession(role: Role = 'agent'): Session {
  return { user: { id: 'p1', name: role === 'executive' ? 'Morgan Exec' : 'Ann Agent', role }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' };
}

export function card(over: Partial<CustomerCard> = {}): CustomerCard {
  return {
    id: 7,
    externalId: 'C-7',
    name: 'Ada Example',
    company: null,
    phone: '+1 555-0107',
    email: null,
    timezone: null,
    segment: 'Month-to-month',
    product: 'DSL',
    monthlyRevenue: 99.5,
    tenureMonths: 40,
    departedAt: null,
    statedReason: 'Price too high',
    statedReasonMapped: 'Too expensive',
    reasonCategory: 'Price / value for money',
    frontlineRep: 'Rep Avery',
    frontlineTeam: 'Billing desk',
    notes: null,
    cycle: 'November 2026',
    doNotContact: false,
    controlGroup: false,
    callBlock: null,
    consent: { phone: null, email: null, post: null },
    calls: [],
    ...over,
  };
}

export const SYNC_OK = { hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null };
