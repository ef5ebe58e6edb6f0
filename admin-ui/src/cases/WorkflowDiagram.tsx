import { Box, useTheme } from '@mui/material';
import { useMemo } from 'react';
import type { StateKind, Workflow } from '../../../plugins/cases/server/src/domain/types';
import { useLabel } from './shared';

const W = 132;
const H = 40;
const COL = 200;
const ROW = 72;
const PAD = 24;

/**
 * The workflow as boxes and arrows: states in columns by their distance from the initial state
 * (those it cannot reach in a last column, dashed), transitions as arrows; an arrow going back
 * (a return, a reopen) curves under the boxes. Plain SVG: the dashboard's ECharts build has no
 * graph series, and a few states need no layout engine.
 */
export function WorkflowDiagram({
  workflow,
  deadEnds = [],
}: {
  workflow: Workflow;
  deadEnds?: readonly string[];
}) {
  const theme = useTheme();
  const text = useLabel();
  const layout = useMemo(() => {
    const depth = new Map<string, number>();
    if (workflow.states.some((s) => s.key === workflow.initial)) {
      depth.set(workflow.initial, 0);
      const queue = [workflow.initial];
      while (queue.length) {
        const at = queue.shift() as string;
        for (const t of workflow.transitions) {
          if (!t.from.includes(at) || depth.has(t.to)) continue;
          if (!workflow.states.some((s) => s.key === t.to)) continue;
          depth.set(t.to, (depth.get(at) ?? 0) + 1);
          queue.push(t.to);
        }
      }
    }
    const lastColumn = Math.max(-1, ...depth.values()) + 1;
    const columns = new Map<number, string[]>();
    for (const s of workflow.states) {
      const d = depth.get(s.key) ?? lastColumn;
      columns.set(d, [...(columns.get(d) ?? []), s.key]);
    }
    const place = new Map<string, { x: number; y: number; reachable: boolean }>();
    for (const [d, keys] of columns)
      keys.forEach((k, i) =>
        place.set(k, { x: PAD + d * COL, y: PAD + i * ROW, reachable: depth.has(k) }),
      );
    return {
      place,
      width: PAD * 2 + (Math.max(0, ...columns.keys()) + 1) * COL - (COL - W),
    };
  }, [workflow]);

  const colour: Record<StateKind, string> = {
    open: theme.palette.info.main,
    waiting: theme.palette.warning.main,
    resolved: theme.palette.success.main,
    closed: theme.palette.grey[600],
  };
  const edges = workflow.transitions.flatMap((t) =>
    t.from.flatMap((f) => {
      const from = layout.place.get(f);
      const to = layout.place.get(t.to);
      return from && to ? [{ key: `${t.key}:${f}`, from, to, label: text(t.label) || t.key }] : [];
    }),
  );
  // Arrows going back (returns, reopens) curve under the boxes, each a little deeper than the
  // last so their names do not sit on one another; arrows between the same two boxes stack
  // their names.
  const boxesBottom = Math.max(...[...layout.place.values()].map((p) => p.y + H), PAD + H);
  const backs = edges.filter((e) => e.to.x <= e.from.x && e.to !== e.from);
  const height = boxesBottom + 24 + backs.length * 18 + 16;
  const pairs = new Map<string, number>();
  const drawn = edges.map((e) => {
    const a = e.from;
    const b = e.to;
    const pair = `${a.x},${a.y}>${b.x},${b.y}`;
    const nth = pairs.get(pair) ?? 0;
    pairs.set(pair, nth + 1);
    if (a === b)
      return {
        ...e,
        path: `M ${a.x + W - 24} ${a.y + H} C ${a.x + W - 10} ${a.y + H + 28}, ${a.x + W + 24} ${a.y + H + 8}, ${a.x + W} ${a.y + H / 2 + 6}`,
        lx: a.x + W + 6,
        ly: a.y + H + 18 + nth * 12,
        anchor: 'start' as const,
      };
    if (b.x > a.x)
      return {
        ...e,
        path: `M ${a.x + W} ${a.y + H / 2} L ${b.x} ${b.y + H / 2}`,
        lx: (a.x + W + b.x) / 2,
        ly: (a.y + b.y + H) / 2 - 4 - nth * 12,
        anchor: 'middle' as const,
      };
    const k = backs.indexOf(e);
    const apex = boxesBottom + 20 + k * 18;
    const y0 = a.y + H;
    const control = y0 + (apex - y0) / 0.75;
    return {
      ...e,
      path: `M ${a.x + W / 2} ${y0} C ${a.x + W / 2} ${control}, ${b.x + W / 2} ${control}, ${b.x + W / 2} ${b.y + H}`,
      lx: (a.x + b.x + W) / 2,
      ly: apex + 12,
      anchor: 'middle' as const,
    };
  });
  return (
    <Box sx={{ overflowX: 'auto' }} data-testid="workflow-diagram">
      <svg width={layout.width} height={height} role="img" style={{ fontSize: 12 }}>
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={theme.palette.text.secondary} />
          </marker>
        </defs>
        {drawn.map((e) => (
          <g key={e.key}>
            <path
              d={e.path}
              fill="none"
              stroke={theme.palette.text.secondary}
              strokeWidth={1.2}
              markerEnd="url(#arrow)"
            />
            <text
              x={e.lx}
              y={e.ly}
              textAnchor={e.anchor}
              fill={theme.palette.text.primary}
              fontSize={11}
              paintOrder="stroke"
              stroke={theme.palette.background.paper}
              strokeWidth={3}
            >
              {e.label}
            </text>
          </g>
        ))}
        {workflow.states.map((s) => {
          const p = layout.place.get(s.key);
          if (!p) return null;
          const c = colour[s.kind] ?? theme.palette.grey[600];
          return (
            <g key={s.key} data-state={s.key}>
              <rect
                x={p.x}
                y={p.y}
                width={W}
                height={H}
                rx={6}
                fill={theme.palette.background.paper}
                stroke={deadEnds.includes(s.key) ? theme.palette.error.main : c}
                strokeWidth={s.key === workflow.initial ? 3 : 1.5}
                strokeDasharray={p.reachable ? undefined : '4 3'}
              />
              <text
                x={p.x + W / 2}
                y={p.y + 17}
                textAnchor="middle"
                fill={theme.palette.text.primary}
              >
                {text(s.label) || s.key}
              </text>
              <text x={p.x + W / 2} y={p.y + 32} textAnchor="middle" fill={c} fontSize={10}>
                {s.key}
              </text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
