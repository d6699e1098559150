import { useId, type ReactNode } from 'react';
import './field.css';

/**
 * A labelled control. The label points at the control by id rather than wrapping it, so the
 * control's accessible name is the label alone, not the label plus every option of a select.
 */
export function Field({ label, children }: { label: ReactNode; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}
