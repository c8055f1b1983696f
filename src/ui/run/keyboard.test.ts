import { describe, expect, it } from 'vitest';
import { keyAction, type KeyPress } from './keyboard';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTag: 'BODY',
  targetEditable: false,
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
});
