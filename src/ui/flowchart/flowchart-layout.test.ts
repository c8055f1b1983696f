import { describe, expect, it } from 'vitest';
import { ALL_ACTS, FIGURES, findAct } from './acts';
import {
  FIGURE_WIDTH,
  labelRoom,
  labelWidth,
  layoutFigure,
  layoutFigures,
  NUMERAL_RIGHT,
} from './flowchart-layout';

const numbers = (path: string) => [...path.matchAll(/-?\d+(\.\d+)?/g)].map((m) => Number(m[0]));

describe('the figures', () => {
  it("draw every act numeral of the patent's FIG. 6–10 exactly once", () => {
    expect(FIGURES.map((f) => f.fig)).toEqual([6, 7, 8, 9, 10]);
    expect(ALL_ACTS).toEqual([
      600, 602, 604, 700, 702, 704, 800, 802, 900, 902, 904, 1000, 1002, 1004,
    ]);
    expect(findAct(902)?.figure.fig).toBe(9);
    expect(findAct(902)?.node.otherwise).toBe('end');
    expect(findAct(601)).toBeUndefined();
  });

  it('word every query as a question and give it a "no" branch', () => {
    for (const { node } of ALL_ACTS.map((a) => findAct(a)!)) {
      if (node.kind !== 'query') continue;
      expect(node.label.at(-1)).toMatch(/\?$/);
      expect(node.otherwise).toBeDefined();
    }
  });
});

describe('layoutFigure', () => {
  const laid = FIGURES.map(layoutFigure);

  it('fits every label line in its box or diamond', () => {
    for (const figure of laid) {
      for (const n of figure.nodes) {
        expect(n.lines.length).toBeLessThanOrEqual(n.node.kind === 'query' ? 1 : 2);
        for (const line of n.lines) {
          expect(labelWidth(line.text), line.text).toBeLessThanOrEqual(labelRoom(n.node));
        }
      }
    }
  });

  it('stacks the nodes top to bottom without overlap, inside the width, right of the numerals', () => {
    for (const figure of laid) {
      let bottom = 0;
      for (const n of figure.nodes) {
        expect(n.y).toBeGreaterThan(bottom);
        expect(n.x).toBeGreaterThan(NUMERAL_RIGHT);
        expect(n.x + n.width).toBeLessThan(FIGURE_WIDTH);
        expect(n.badge.x).toBeGreaterThanOrEqual(0);
        bottom = n.y + n.height;
      }
      expect(figure.end.y).toBeGreaterThan(bottom);
      expect(figure.height).toBeGreaterThan(figure.end.y + figure.endHeight);
    }
  });

  it('draws every line and arrowhead inside the figure', () => {
    for (const figure of laid) {
      for (const e of figure.edges) {
        const xs = numbers(e.path + e.head).filter((_, i) => i % 2 === 0);
        const ys = numbers(e.path + e.head).filter((_, i) => i % 2 === 1);
        expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...xs)).toBeLessThanOrEqual(FIGURE_WIDTH);
        expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...ys)).toBeLessThanOrEqual(figure.height);
      }
    }
  });

  it('labels the branches of every query: yes down, no to the side', () => {
    const fig9 = layoutFigure(FIGURES[3]);
    const labels = fig9.edges.map((e) => e.label?.text ?? null);
    expect(labels.filter((l) => l === 'yes')).toHaveLength(1);
    expect(labels.filter((l) => l === 'no')).toHaveLength(1);
    // 902's "no" ends the process: its arrow points left into End's right side.
    const no = fig9.edges.find((e) => e.label?.text === 'no')!;
    const [tipX, tipY] = numbers(no.head);
    expect(tipX).toBe(fig9.end.x + fig9.end.width);
    expect(tipY).toBe(fig9.end.y + fig9.endHeight / 2);
  });

  it('loops a waiting query back into the line that enters it', () => {
    const fig6 = layoutFigure(FIGURES[0]);
    const no = fig6.edges.find((e) => e.label?.text === 'no')!;
    const [tipX, tipY] = numbers(no.head);
    const query = fig6.nodes[0];
    expect(tipX).toBe(query.x + query.width / 2);
    expect(tipY).toBeLessThan(query.y);
  });
});

describe('layoutFigures', () => {
  it('gives all five the height of the tallest', () => {
    const { figures, height } = layoutFigures(FIGURES);
    expect(figures).toHaveLength(5);
    expect(height).toBe(Math.max(...figures.map((f) => f.height)));
    expect(layoutFigure(FIGURES[2]).height).toBeLessThan(height);
  });
});
