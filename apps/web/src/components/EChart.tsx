import { useEffect, useRef } from 'react';
import type { EChartsOption, ECharts, SetOptionOpts } from 'echarts';
import { usePrefs } from '../i18n/index.tsx';

export interface EChartProps {
  option: EChartsOption;
  /** Accessible description of what the chart shows (it is an image to screen readers). */
  ariaLabel: string;
  height?: number | string;
  className?: string;
  /** ECharts events, e.g. { click: (p) => … }. */
  onEvents?: Record<string, (params: unknown) => void>;
  setOptionOpts?: SetOptionOpts;
}

export const CHART_FONT = "'IBM Plex Sans Arabic', system-ui, sans-serif";
export const CHART_COLORS = ['#0b6e4f', '#2b6cb0', '#c05621', '#6b46c1', '#b7791f', '#2c7a7b', '#9b2c2c', '#4a5568'];

type AxisLike = Record<string, unknown> | Record<string, unknown>[] | undefined;
const asArray = (a: AxisLike) => (a === undefined ? [] : Array.isArray(a) ? a : [a]);

/** Wraps text in a right-to-left isolate so Arabic with digits keeps its order in the LTR chart box. */
export const rtlIsolate = (text: string | number) => `\u2067${text}\u2069`;

/** Category axes and the legend show their text as RTL isolates (unless a formatter is set). */
function isolateAxisText(axes: AxisLike) {
  return asArray(axes).map((a) => {
    if (a.type !== 'category') return a;
    const label = (a.axisLabel ?? {}) as Record<string, unknown>;
    return label.formatter ? a : { ...a, axisLabel: { ...label, formatter: (v: string) => rtlIsolate(v) } };
  });
}

/**
 * RTL policy (see apps/web/README.md): charts are not mirrored — time and value axes run
 * left→right in both languages. Only horizontal category bars are flipped in Arabic, so
 * Arabic labels sit on the right (where reading starts) and bars grow leftwards.
 */
export function rtlAwareOption(option: EChartsOption, dir: 'rtl' | 'ltr'): EChartsOption {
  const base: EChartsOption = {
    color: CHART_COLORS,
    textStyle: { fontFamily: CHART_FONT },
    tooltip: { confine: true, textStyle: { fontFamily: CHART_FONT } },
    ...option,
  };
  if (dir === 'ltr') return base;
  const xAxes = isolateAxisText(option.xAxis as AxisLike);
  const yAxes = isolateAxisText(option.yAxis as AxisLike);
  const legend = option.legend && !Array.isArray(option.legend) && !(option.legend as { formatter?: unknown }).formatter
    ? { ...option.legend, formatter: (name: string) => rtlIsolate(name) }
    : option.legend;
  const horizontalBars = yAxes.length > 0 && yAxes.every((a) => a.type === 'category');
  return {
    ...base,
    ...(option.legend ? { legend } : {}),
    ...(option.xAxis ? { xAxis: horizontalBars ? xAxes.map((a) => ({ inverse: true, ...a })) : xAxes } : {}),
    ...(option.yAxis ? { yAxis: horizontalBars ? yAxes.map((a) => ({ position: 'right', ...a })) : yAxes } : {}),
  } as EChartsOption;
}

let echartsModule: Promise<typeof import('echarts')> | undefined;
/** echarts plus its Arabic locale (month/day names, toolbox labels), loaded once. */
function loadECharts() {
  echartsModule ??= Promise.all([import('echarts'), import('echarts/i18n/langAR-obj.js')]).then(([echarts, arLocale]) => {
    const mod = arLocale as unknown as { default?: object };
    echarts.registerLocale('AR', (mod.default ?? mod) as Parameters<typeof echarts.registerLocale>[1]);
    return echarts;
  });
  return echartsModule;
}

/** Thin wrapper around echarts init/setOption/resize; echarts itself loads lazily (own chunk). */
export function EChart({ option, ariaLabel, height = 320, className, onEvents, setOptionOpts }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const { dir, lang } = usePrefs();
  const latest = useRef({ option, dir, onEvents, setOptionOpts });
  latest.current = { option, dir, onEvents, setOptionOpts };

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void loadECharts().then(async (echarts) => {
      await document.fonts?.ready; // SVG text measured before the font loads would misalign
      if (disposed || !ref.current) return;
      const c = echarts.init(ref.current, undefined, { renderer: 'svg', locale: lang === 'ar' ? 'AR' : 'EN' });
      chart.current = c;
      const cur = latest.current;
      c.setOption(rtlAwareOption(cur.option, cur.dir), cur.setOptionOpts);
      for (const [name, fn] of Object.entries(cur.onEvents ?? {})) c.on(name, fn);
      observer = new ResizeObserver(() => c.resize());
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // Re-create only when the locale changes (axis/month names come from init's locale).
  }, [lang]);

  useEffect(() => {
    chart.current?.setOption(rtlAwareOption(option, dir), setOptionOpts ?? { notMerge: true });
  }, [option, dir, setOptionOpts]);

  // dir="ltr": ECharts places text at absolute coordinates; an inherited RTL direction would
  // flip SVG text anchors and push Arabic labels under the bars. Arabic still shapes correctly.
  return <div ref={ref} dir="ltr" className={`echart ${className ?? ''}`} style={{ height }} role="img" aria-label={ariaLabel} />;
}
