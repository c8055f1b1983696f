import { describe, expect, it } from 'vitest';
import { keyAction, type KeyPress } from './keyboard';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTag: 'BODY',
  targetEditable: false,
  targetRole: null,
  inDialog: false,
  handled: false,
  ...more,
});

describe('keyAction', () => {
  it('maps the shortcuts', () => {
    expect(keyAction(press(' '))).toBe('toggle');
    expect(keyAction(press('ArrowRight'))).toBe('step');
    expect(keyAction(press('c'))).toBe('crash');
    expect(keyAction(press('C'))).toBe('crash');
    expect(keyAction(press('?'))).toBe('help');
    expect(keyAction(press('Escape'))).toBe('close');
    expect(keyAction(press('x'))).toBeNull();
  });

  it('leaves keys to fields, buttons and editors', () => {
    for (const targetTag of ['INPUT', 'TEXTAREA', 'SELECT']) {
      expect(keyAction(press(' ', { targetTag }))).toBeNull();
      expect(keyAction(press('c', { targetTag }))).toBeNull();
      expect(keyAction(press('ArrowRight', { targetTag }))).toBeNull();
    }
    for (const targetTag of ['BUTTON', 'A', 'SUMMARY']) {
      expect(keyAction(press(' ', { targetTag }))).toBeNull();
      expect(keyAction(press('ArrowRight', { targetTag }))).toBe('step');
      expect(keyAction(press('c', { targetTag }))).toBe('crash');
    }
    expect(keyAction(press('ArrowRight', { targetEditable: true }))).toBeNull();
    expect(keyAction(press('?', { targetTag: 'TEXTAREA' }))).toBeNull();
    expect(keyAction(press('Escape', { targetTag: 'INPUT' }))).toBe('close');
  });

  it('ignores combinations with modifiers (browser and system shortcuts)', () => {
    expect(keyAction(press('c', { ctrlKey: true }))).toBeNull();
    expect(keyAction(press(' ', { metaKey: true }))).toBeNull();
    expect(keyAction(press('ArrowRight', { altKey: true }))).toBeNull();
  });

  it('leaves Space to anything with a pressable role (an SVG act), and handled keys alone', () => {
    expect(keyAction(press(' ', { targetTag: 'G', targetRole: 'button' }))).toBeNull();
    expect(keyAction(press(' ', { targetTag: 'DIV', targetRole: 'option' }))).toBeNull();
    expect(keyAction(press('c', { targetTag: 'G', targetRole: 'button' }))).toBe('crash');
    expect(keyAction(press(' ', { handled: true }))).toBeNull();
    expect(keyAction(press('Escape', { handled: true }))).toBeNull();
  });

  it('inside the open help, only closes or toggles it: c does not crash behind it', () => {
    expect(keyAction(press('c', { inDialog: true }))).toBeNull();
    expect(keyAction(press(' ', { inDialog: true }))).toBeNull();
    expect(keyAction(press('?', { inDialog: true }))).toBe('help');
    expect(keyAction(press('Escape', { inDialog: true }))).toBe('close');
  });
});
