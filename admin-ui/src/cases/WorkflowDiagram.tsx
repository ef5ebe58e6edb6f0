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
    const maxRows = Math.max(1, ...[...columns.values()].map((k) => k.length));
    return {
      place,
      width: PAD * 2 + (Math.max(0, ...columns.keys()) + 1) * COL - (COL - W),
      height: PAD * 2 + maxRows * ROW + 40,
    };
  }, [workflow]);

  const colour: Record<StateKind, string> = {
    open: theme.palette.info.main,
    waiting: theme.palette.warning.main,
    resolved: theme.palette.success.main,
    closed: theme.palette.grey[600],
  };
  const edges = workflow.transitions.flatMap((t) =>
    t.from
      .map((f) => ({
        key: `${t.key}:${f}`,
        from: layout.place.get(f),
        to: layout.place.get(t.to),
        label: text(t.label) || t.key,
      }))
      .filter((e) => e.from && e.to),
  );
  return (
    <Box sx={{ overflowX: 'auto' }} data-testid="workflow-diagram">
      <svg width={layout.width} height={layout.height} role="img" style={{ fontSize: 12 }}>
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
        {edges.map((e, i) => {
          const a = e.from as { x: number; y: number };
          const b = e.to as { x: number; y: number };
          const forward = b.x > a.x;
          const path = forward
            ? `M ${a.x + W} ${a.y + H / 2} L ${b.x} ${b.y + H / 2}`
            : a.x === b.x && a.y === b.y
              ? `M ${a.x + W - 20} ${a.y + H} C ${a.x + W} ${a.y + H + 30}, ${a.x + W + 30} ${a.y + H}, ${a.x + W} ${a.y + H / 2}`
              : `M ${a.x + W / 2} ${a.y + H} C ${a.x + W / 2} ${layout.height - 8 - (i % 3) * 6}, ${b.x + W / 2} ${layout.height - 8 - (i % 3) * 6}, ${b.x + W / 2} ${b.y + H}`;
          const lx = forward ? (a.x + W + b.x) / 2 : (a.x + b.x + W) / 2;
          const ly = forward ? (a.y + b.y + H) / 2 - 4 : layout.height - 12 - (i % 3) * 6;
          return (
            <g key={e.key}>
              <path
                d={path}
                fill="none"
                stroke={theme.palette.text.secondary}
                strokeWidth={1.2}
                markerEnd="url(#arrow)"
              />
              <text
                x={lx}
                y={ly}
                textAnchor="middle"
                fill={theme.palette.text.primary}
                fontSize={11}
              >
                {e.label}
              </text>
            </g>
          );
        })}
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
