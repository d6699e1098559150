import { THEME_LABELS, THEMES, type Theme } from '../../../shared/domain/preferences';
import { useAppStore } from '../store';

export interface ThemeSelectProps {
  theme: Theme;
  onChange: (theme: Theme) => void;
}

/** System, light or dark, for this desk. */
export function ThemeSelect({ theme, onChange }: ThemeSelectProps) {
  return (
    <label className="theme-select">
      Theme{' '}
      <select value={theme} onChange={(e) => onChange(e.target.value as Theme)}>
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {THEME_LABELS[t]}
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
