/** Spacing shared by both orientations, in px (SVG user units). */
export const SPACE = {
  margin: 16,
  /** Between the router's outline and what is inside it. */
  routerPad: 14,
  /** Height of the router's title strip. */
  title: 30,
  /** Between a column of ports and the fabric, and between inner boxes. */
  gap: 18,
  /** Inside host and port boxes, left and right of the text. */
  boxPadX: 10,
  /** Height of a host box (port boxes are taller: see layout-port.ts). */
  boxHeight: 46,
  rowGap: 14,
  /** Empty space at each end of a link label. */
  labelPad: 12,
  /** Inner padding of the routing processor and the fabric. */
  innerPad: 10,
} as const;
