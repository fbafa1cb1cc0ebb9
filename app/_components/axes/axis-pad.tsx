"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, type KeyboardEvent, type PointerEvent } from "react";
import type { PostView } from "@/lib/forum/post-view";
import { AxisEnds } from "@/app/_components/axes/axis-ends";

type Props = {
  x: number;
  y: number;
  onChange: (x: number, y: number) => void;
  axes: PostView["axes"];
  /** The language the axis labels are written in (the post's). */
  lang: string;
  errors?: { x?: string; y?: string };
};

const clamp = (value: number) => Math.min(100, Math.max(0, Math.round(value)));

/**
 * Places a scenario on the post's two axes: a 2-D pad (pointer or arrow keys) and two native sliders, kept in
 * step. The horizontal axis is semantic: low at the inline start, high at the inline end, so it mirrors in Arabic
 * like the axes legend and every end is labelled; vertical runs from low at the bottom to high at the top.
 */
export function AxisPad({ x, y, onChange, axes, lang, errors = {} }: Props) {
  const t = useTranslations("composer");
  const id = useId();
  const pad = useRef<HTMLDivElement>(null);
  const isRtl = () => !!pad.current && getComputedStyle(pad.current).direction === "rtl";
  const valueText = t("padValue", { xLabel: axes.x.label, x, yLabel: axes.y.label, y });

  function place(event: PointerEvent<HTMLDivElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const fromStart = isRtl() ? box.right - event.clientX : event.clientX - box.left;
    onChange(clamp((fromStart / box.width) * 100), clamp(((box.bottom - event.clientY) / box.height) * 100));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? 10 : 1;
    // Arrow keys move the point the way they point on screen, whichever way the axis runs.
    const right = isRtl() ? -step : step;
    const moves: Record<string, [number, number]> = {
      ArrowRight: [x + right, y],
      ArrowLeft: [x - right, y],
      ArrowUp: [x, y + step],
      ArrowDown: [x, y - step],
      PageUp: [x, y + 10],
      PageDown: [x, y - 10],
      Home: [0, y],
      End: [100, y],
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    onChange(clamp(next[0]), clamp(next[1]));
  }

  const slider = (axis: "x" | "y") => {
    const spec = axes[axis];
    const value = axis === "x" ? x : y;
    const error = errors[axis];
    return (
      <div>
        <div className="flex items-baseline justify-between gap-3">
          <label htmlFor={`${id}-${axis}`} lang={lang} dir="auto" className="text-sm font-semibold">
            {spec.label}
          </label>
          <output htmlFor={`${id}-${axis}`} className="rounded-md bg-accent-soft px-2 py-0.5 text-sm font-semibold tabular-nums text-accent">
            {value}
          </output>
        </div>
        <input
          id={`${id}-${axis}`}
          name={axis}
          type="range"
          min={0}
          max={100}
          step={1}
          value={value}
          aria-valuetext={t("valueOf", { value })}
          aria-describedby={`${id}-${axis}-ends${error ? ` ${id}-${axis}-error` : ""}`}
          aria-invalid={!!error}
          onChange={(event) => (axis === "x" ? onChange(Number(event.target.value), y) : onChange(x, Number(event.target.value)))}
          className="axis-range mt-1"
        />
        <AxisEnds id={`${id}-${axis}-ends`} axis={spec} lang={lang} spoken className="gap-4 text-xs text-muted" />
        {error && (
          <p id={`${id}-${axis}-error`} className="mt-1 text-sm font-medium text-danger">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <div className="grid items-start gap-6 sm:grid-cols-[minmax(0,15rem)_minmax(0,1fr)]">
      <div className="mx-auto w-full max-w-60">
        <p lang={lang} dir="auto" className="mb-1.5 text-center text-xs text-muted" aria-hidden="true">
          ↑ {axes.y.high}
        </p>
        <div
          ref={pad}
          role="slider"
          tabIndex={0}
          aria-label={t("pad")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={x}
          aria-valuetext={valueText}
          aria-describedby={`${id}-pad-hint`}
          onKeyDown={onKeyDown}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            event.currentTarget.focus();
            place(event);
          }}
          onPointerMove={(event) => event.currentTarget.hasPointerCapture(event.pointerId) && place(event)}
          className="axis-grid relative aspect-square w-full cursor-crosshair touch-none rounded-xl border-2 border-line focus-visible:border-accent"
        >
          <span aria-hidden="true" className="absolute inset-x-0 top-1/2 border-t border-dashed border-muted/40" />
          <span aria-hidden="true" className="absolute inset-y-0 start-1/2 border-s border-dashed border-muted/40" />
          <span aria-hidden="true" className="absolute inset-y-0 border-s border-accent/40" style={{ insetInlineStart: `${x}%` }} />
          <span aria-hidden="true" className="absolute inset-x-0 border-t border-accent/40" style={{ bottom: `${y}%` }} />
          <span
            aria-hidden="true"
            className="absolute size-5 rounded-full border-2 border-card bg-accent shadow-[0_0_0_5px_var(--accent-soft)]"
            style={{ insetInlineStart: `${x}%`, bottom: `${y}%`, marginInlineStart: "-0.625rem", marginBottom: "-0.625rem" }}
          />
        </div>
        <p lang={lang} dir="auto" className="mt-1.5 text-center text-xs text-muted" aria-hidden="true">
          ↓ {axes.y.low}
        </p>
        <AxisEnds axis={axes.x} lang={lang} className="mt-1 gap-3 text-xs text-muted" />
        <p id={`${id}-pad-hint`} className="sr-only">
          {t("placementHint")}
        </p>
      </div>
      <div className="space-y-5">
        {slider("x")}
        {slider("y")}
      </div>
    </div>
  );
}
