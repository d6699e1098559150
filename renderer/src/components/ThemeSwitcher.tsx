import { useTranslation } from 'react-i18next';
import { THEMES, type Theme } from '../../../shared/domain/preferences';
import { useAppStore } from '../store';

export interface ThemeSelectProps {
  theme: Theme;
  onChange: (theme: Theme) => void;
}

/** System, light or dark, for this desk. */
export function ThemeSelect({ theme, onChange }: ThemeSelectProps) {
  const { t } = useTranslation();
  return (
    <label className="theme-select">
      {t('shell.theme.label')}{' '}
      <select value={theme} onChange={(e) => onChange(e.target.value as Theme)}>
        {THEMES.map((th) => (
          <option key={th} value={th}>
            {t(`shell.theme.${th}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ThemeSwitcher() {
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  return <ThemeSelect theme={theme} onChange={(t) => void setTheme(t)} />;
}
