import { useId, type ReactNode } from 'react';
import { STAGES, STAGE_LABELS, type Stage } from '../../../../shared/domain/stages';

export type StageStatus = 'current' | 'done' | 'ahead' | 'locked';

const STATUS_WORDS: Record<StageStatus, string> = {
  current: 'current stage',
  done: 'done; open it again to revisit',
  ahead: 'not reached yet',
  locked: 'closed for now',
};

export interface StageSectionProps {
  stage: Stage;
  status: StageStatus;
  /** Agents walk the stages one at a time; an executive's card shows them all at once. */
  collapsible: boolean;
  onOpen?: () => void;
  children: ReactNode;
  /** Shown whether or not the stage is open (the Offer stage's gate). */
  always?: ReactNode;
}

/** One stage of the call: a heading with the stage's name, and its body while it is the current stage. */
export function StageSection({ stage, status, collapsible, onOpen, children, always }: StageSectionProps) {
  const id = useId();
  const open = !collapsible || status === 'current';
  return (
    <section aria-labelledby={`${id}-h`} className={`stage stage-${status}`} data-stage={stage}>
      <div className="stage-head">
        <h2 id={`${id}-h`}>
          {collapsible ? (
            <button
              type="button"
              className="stage-toggle"
              aria-expanded={open}
              aria-controls={open ? `${id}-body` : undefined}
              aria-describedby={`${id}-s`}
              onClick={onOpen}
            >
              {STAGE_LABELS[stage]}
            </button>
          ) : (
            STAGE_LABELS[stage]
          )}
        </h2>
        {collapsible && (
          <span id={`${id}-s`} className="stage-status">
            Step {STAGES.indexOf(stage) + 1} of {STAGES.length}, {STATUS_WORDS[status]}
          </span>
        )}
      </div>
      {open && (
        <div id={`${id}-body`} className="stage-body">
          {children}
        </div>
      )}
      {always}
    </section>
  );
}
