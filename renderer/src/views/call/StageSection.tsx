import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES, type Stage } from '../../../../shared/domain/stages';

export type StageStatus = 'current' | 'done' | 'ahead' | 'locked';

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
  const { t } = useTranslation();
  const id = useId();
  const label = t(`call.stages.${stage}`);
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
              {label}
            </button>
          ) : (
            label
          )}
        </h2>
        {collapsible && (
          <span id={`${id}-s`} className="stage-status">
            {t('call.stageStatus.step', { number: STAGES.indexOf(stage) + 1, total: STAGES.length, status: t(`call.stageStatus.${status}`) })}
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
