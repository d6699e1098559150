import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSession } from '../../../../shared/api/call';
import { isOfferOpen, nextStage, previousStage, goToStage, setOutcome, type CallProblem, type CallState, type Move } from '../../../../shared/domain/callMachine';
import { todayIn } from '../../../../shared/domain/localTime';
import type { Outcome } from '../../../../shared/domain/outcomes';
import { STAGES, type Stage } from '../../../../shared/domain/stages';
import type { DraftStatus } from '../../store/draftSaver';
import { ApologizeStage } from './ApologizeStage';
import { AssistStage } from './AssistStage';
import { Briefing, CallFacts } from './CallBriefing';
import { DiagnoseStage, StatedReason } from './DiagnoseStage';
import { DraftStatusLine, RestoredNotice } from './DraftStatusLine';
import { FrontlineFeedback } from './FrontlineFeedback';
import { ListenStage } from './ListenStage';
import { guidanceFor, namesOf, offersOnCall } from './model';
import { OfferGate, OfferStage } from './OfferStage';
import { OutcomeGroup } from './OutcomeGroup';
import { ShortcutHelp } from './ShortcutHelp';
import { useCallShortcuts } from './shortcuts';
import { StageSection, type StageStatus } from './StageSection';
import type { ChangeCall } from './types';
import { CallingHoursNotice } from './CallingHoursNotice';
import { ConsentQuestions } from './ConsentQuestions';
import type { ConsentLatest } from '../../../../shared/api/consent';
import type { ContactBlock } from '../../../../shared/domain/permissions';
import { localiseSession } from '../../i18n/content';
import { problemInWords } from './words';

export interface CallScreenProps {
  session: CallSession;
  state: CallState;
  restoredFrom: string | null;
  draftStatus: DraftStatus;
  draftSavedAt: string | null;
  /** Problems found on this window are data, said in the person's language; the core's arrive in words. */
  problems: (string | CallProblem)[];
  message: string | CallProblem | null;
  busy: boolean;
  onChange: ChangeCall;
  onMove: (move: (s: CallState) => Move) => boolean;
  onComplete: () => void;
  onLeave: () => void;
}

function stageStatus(state: CallState, stage: Stage): StageStatus {
  if (stage === state.stage) return 'current';
  if (stage === 'offer' && !isOfferOpen(state)) return 'locked';
  return state.visited.includes(stage) || STAGES.indexOf(stage) <= STAGES.indexOf(state.reached) ? 'done' : 'ahead';
}

const FIELDS = 'textarea, input:not([type=hidden]):not(:disabled), select:not(:disabled)';

/**
 * The call: agents walk the five stages one at a time; executives get one condensed card with the
 * briefing and every stage at once. Both capture the same data and share the outcome, feedback and
 * shortcuts.
 */
export function CallScreen(props: CallScreenProps) {
  const { state, onChange, onMove } = props;
  const { t } = useTranslation();
  // The shipped reasons and offers in the person's language; ids, and a manager's own names, untouched.
  const session = useMemo(() => localiseSession(t, props.session), [t, props.session]);
  const executive = session.caller.role === 'executive';
  const names = useMemo(() => namesOf(session), [session]);
  const guidance = guidanceFor(session, state, names, t);
  const offers = offersOnCall(session, state, names, t);
  const today = todayIn(new Date(), session.customer.timezone);
  const [help, setHelp] = useState(false);
  // A "no" to calls blocks the dial button at once, as the ledger does on every desk.
  const [phoneBlock, setPhoneBlock] = useState<ContactBlock | null>(session.customer.callBlock);
  const onConsent = (latest: ConsentLatest) => {
    const phone = latest.phone;
    if (phone?.answer === 'no' && phone.callId === state.callId) setPhoneBlock({ scope: 'call', source: 'customer', since: phone.at, by: phone.by, expiresAt: null });
  };
  const rootRef = useRef<HTMLDivElement>(null);

  // Moving to a stage puts the cursor in its first field, so the agent can keep typing.
  useEffect(() => {
    if (executive) return;
    const body = rootRef.current?.querySelector(`[data-stage="${state.stage}"] .stage-body`);
    const field = body?.querySelector<HTMLElement>(FIELDS);
    field?.focus();
  }, [state.stage, executive]);

  // An outcome that needs a date puts the cursor in it.
  const lastOutcome = useRef(state.outcome);
  useEffect(() => {
    if (lastOutcome.current === state.outcome) return;
    lastOutcome.current = state.outcome;
    if (state.outcome === 'considering' || state.outcome === 'callback') {
      rootRef.current?.querySelector<HTMLElement>('.outcome input[type=date], .outcome input[type=datetime-local]')?.focus();
    }
  }, [state.outcome]);

  // A refusal that names the date of the outcome (reactivation period, callback) brings that field into view with the cursor in it.
  useEffect(() => {
    const aboutTheDate = (p: string | CallProblem) =>
      typeof p === 'string' ? /reactivation period|Callback needs|callback time/i.test(p) : ['reactivation_missing', 'reactivation_invalid', 'reactivation_past', 'callback_missing', 'callback_invalid'].includes(p.code);
    if (!props.problems.some(aboutTheDate)) return;
    const date = rootRef.current?.querySelector<HTMLElement>('.outcome input[type=date], .outcome input[type=datetime-local]');
    date?.scrollIntoView?.({ block: 'center' });
    date?.focus();
  }, [props.problems]);

  const chooseOutcome = (o: Outcome) => onMove((s) => setOutcome(s, o));
  useCallShortcuts(
    {
      next: () => onMove(nextStage),
      previous: () => onMove(previousStage),
      outcome: chooseOutcome,
      complete: props.onComplete,
      help: () => setHelp(true),
      dial: () => rootRef.current?.querySelector<HTMLElement>('.call-head .phone-link')?.click(),
    },
    !help,
  );

  const body: Record<Stage, ReactNode> = {
    apologize: <ApologizeStage state={state} guidance={guidance.apologize} onChange={onChange} />,
    listen: <ListenStage state={state} guidance={guidance.listen} onChange={onChange} rows={executive ? 4 : 10} />,
    diagnose: <DiagnoseStage state={state} guidance={guidance.diagnose} taxonomy={session.taxonomy} customer={session.customer} names={names} onChange={onChange} showStatedReason={executive} />,
    assist: <AssistStage state={state} guidance={guidance.assist} onChange={onChange} />,
    offer: isOfferOpen(state) ? (
      <OfferStage state={state} guidance={guidance.offer} offers={offers} playbook={session.offers} onChange={onChange} />
    ) : (
      <p className="guidance way-back">{guidance.offer}</p>
    ),
  };

  const who = session.customer.name ?? session.customer.externalId;
  return (
    <div ref={rootRef} className={executive ? 'call exec-card' : 'call'}>
      <header className="call-head">
        <h1>{t('call.withCustomer', { name: who })}</h1>
        <CallFacts customer={session.customer} block={phoneBlock} />
        {!executive && <StatedReason customer={session.customer} />}
        <DraftStatusLine status={props.draftStatus} savedAt={props.draftSavedAt} />
        <RestoredNotice restoredFrom={props.restoredFrom} />
        <CallingHoursNotice customerId={session.customer.id} callId={state.callId} />
      </header>

      <div className="call-body">
        <div className="call-main">
          {executive && <Briefing customer={session.customer} />}
          {STAGES.map((stage) => (
            <StageSection
              key={stage}
              stage={stage}
              status={stageStatus(state, stage)}
              collapsible={!executive}
              onOpen={() => onMove((s) => goToStage(s, stage))}
              always={stage === 'offer' ? <OfferGate state={state} onChange={onChange} /> : undefined}
            >
              {body[stage]}
            </StageSection>
          ))}
          <p role="status" className="call-message">
            {props.message === null ? null : problemInWords(t, props.message)}
          </p>
          {!executive && (
            <div className="call-nav">
              <button type="button" onClick={() => onMove(previousStage)} disabled={state.stage === 'apologize'} aria-keyshortcuts="Alt+P">
                {t('call.screen.previous')}
              </button>
              <button type="button" onClick={() => onMove(nextStage)} disabled={state.stage === 'offer'} aria-keyshortcuts="Alt+N">
                {t('call.screen.next')}
              </button>
            </div>
          )}
        </div>

        <aside className="call-side" aria-label={t('call.screen.side')}>
          {/* The outcome and feedback scroll; Complete call stays in view below them at every stage. */}
          <div className="call-side-scroll">
          <OutcomeGroup state={state} timeZone={session.customer.timezone} today={today} onOutcome={chooseOutcome} onChange={onChange} />
          <FrontlineFeedback state={state} onChange={onChange} />
          <ConsentQuestions key={state.callId} customerId={session.customer.id} callId={state.callId} latest={session.customer.consent} onRecorded={onConsent} />
          {executive && (
            <div>
              <label htmlFor="call-summary">{t('call.screen.summary')}</label>
              <input
                id="call-summary"
                type="text"
                maxLength={500}
                value={state.summary}
                onChange={(e) => {
                  const summary = e.target.value;
                  onChange((s) => ({ ...s, summary }));
                }}
              />
            </div>
          )}
          {props.problems.length > 0 && (
            <div role="alert" className="problems">
              <p>{t('call.screen.cannotComplete')}</p>
              <ul>
                {props.problems.map((p) => problemInWords(t, p)).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          </div>
          <div className="call-actions">
            <button type="button" className="primary" onClick={props.onComplete} disabled={props.busy} aria-keyshortcuts="Control+Enter">
              {t('call.screen.complete')}
            </button>
            <button type="button" onClick={() => setHelp(true)} aria-keyshortcuts="F1">
              {t('call.screen.shortcuts')}
            </button>
            <button type="button" onClick={props.onLeave} disabled={props.busy}>
              {t('call.screen.leave')}
            </button>
          </div>
        </aside>
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
