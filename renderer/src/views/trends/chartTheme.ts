import { useEffect, useState } from 'react';

/**
 * Chart colours come from the stylesheet's CSS variables, so the charts follow the light and dark
 * themes like the rest of the console, and change when the system theme does.
 */
export interface ChartTheme {
  series: string[];
  text: string;
  muted: string;
  grid: string;
  surface: string;
}

const FALLBACK_SERIES = ['#0b5cad', '#b35900', '#0f7b55', '#b42318', '#7a3db8', '#0e7490', '#7d6200', '#4b5563'];

/** The light palette, also used on paper whatever the screen's theme (stylesheet values are read on screen). */
const PRINT_THEME: ChartTheme = { series: FALLBACK_SERIES, text: '#000000', muted: '#333333', grid: '#999999', surface: '#ffffff' };

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    series: FALLBACK_SERIES.map((fallback, i) => value(`--chart-${i + 1}`, fallback)),
    text: value('--text', '#1b1f24'),
    muted: value('--muted', '#57606a'),
    grid: value('--border', '#d0d7de'),
    surface: value('--surface', '#ffffff'),
  };
}

export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const onChange = () => setTheme(readTheme());
    const onPrint = () => setTheme(PRINT_THEME);
    const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    query?.addEventListener('change', onChange);
    // Paper is white: printing switches to the light palette, and back afterwards.
    window.addEventListener('beforeprint', onPrint);
    window.addEventListener('afterprint', onChange);
    return () => {
      query?.removeEventListener('change', onChange);
      window.removeEventListener('beforeprint', onPrint);
      window.removeEventListener('afterprint', onChange);
    };
  }, []);
  return theme;
}

export const seriesColor = (theme: ChartTheme, i: number): string => theme.series[i % theme.series.length] ?? theme.text;
