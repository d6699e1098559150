import { useTranslation } from 'react-i18next';

/** A key and what it does, as the shortcut lists show them. */
export interface Shortcut {
  keys: string;
  action: string;
  /** Names a row whose keys are words in the person's language ("? or F1"). */
  id?: string;
}

/** One table of shortcuts: the call's help and the floor's help list them the same way. */
export function ShortcutTable({ caption, captionHidden = false, shortcuts, className }: { caption: string; captionHidden?: boolean; shortcuts: readonly Shortcut[]; className?: string }) {
  const { t } = useTranslation();
  return (
    <table className={className}>
      <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('components.keys.keys')}</th>
          <th scope="col">{t('components.keys.action')}</th>
        </tr>
      </thead>
      <tbody>
        {shortcuts.map((s) => (
          <tr key={s.keys}>
            <td>
              <kbd>{s.keys}</kbd>
            </td>
            <td>{s.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
