import { describe, expect, it } from 'vitest';
import { callGuidance, tenurePhrase, type GuidanceFacts } from '../../shared/domain/guidance';

const facts = (over: Partial<GuidanceFacts> = {}): GuidanceFacts => ({
  customerName: 'Ada Example',
  callerName: 'Ann Agent',
  callerRole: 'agent',
  tenureMonths: 40,
  monthlyRevenue: 99.5,
  statedReasonText: 'Price too high',
  statedCategoryName: 'Price / value for money',
  approach: 'A cheaper plan.',
  diagnosedReasonName: null,
  ...over,
});

describe('call guidance', () => {
  it('fits the apology to tenure and value', () => {
    const g = callGuidance(facts());
    expect(g.apologize).toContain('Hello Ada, this is Ann Agent.');
    expect(g.apologize).toContain('after 3 years with us');
    expect(g.apologize).toContain('thank them for the years');
    expect(g.apologize).toContain('A high-value customer');
    const newcomer = callGuidance(facts({ tenureMonths: 2, monthlyRevenue: 20 })).apologize;
    expect(newcomer).toContain('so soon after you joined us');
    expect(newcomer).not.toContain('high-value');
  });

  it('brings the stated reason into Listen, and says when there is none', () => {
    expect(callGuidance(facts()).listen).toContain('At departure they said "Price too high"');
    expect(callGuidance(facts({ statedReasonText: null })).listen).toContain('There is no stated reason on record');
  });

  it('reads the diagnosed reason back and names what tends to help', () => {
    const g = callGuidance(facts({ diagnosedReasonName: 'Too expensive' }));
    expect(g.diagnose).toContain('the main reason you left was: Too expensive. Is that right?');
    expect(g.assist).toContain('What tends to help: A cheaper plan.');
    expect(g.offer).toMatch(/^An offer is a way back, not a pitch\./);
  });

  it('gives an executive the condensed wording in their own voice', () => {
    const agent = callGuidance(facts());
    const exec = callGuidance(facts({ callerRole: 'executive', callerName: 'Morgan Exec' }));
    expect(exec.apologize).toContain('I lead part of the company');
    for (const stage of ['apologize', 'listen', 'diagnose', 'assist', 'offer'] as const) {
      expect(exec[stage].length, stage).toBeLessThan(agent[stage].length);
    }
  });

  it('phrases tenure in months and years', () => {
    expect(tenurePhrase(null)).toBeNull();
    expect(tenurePhrase(12)).toBe('after 12 months with us');
    expect(tenurePhrase(30)).toBe('after 2 years with us');
  });
});
