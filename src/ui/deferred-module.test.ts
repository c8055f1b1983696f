import { describe, expect, it } from 'vitest';
import { DeferredModule } from './deferred-module';

describe('DeferredModule', () => {
  it('imports once, then knows the module at once', async () => {
    let imports = 0;
    const part = new DeferredModule(async () => ({ value: ++imports }));
    expect(part.current).toBeNull();
    const [a, b] = await Promise.all([part.load(), part.load()]);
    expect(a).toBe(b);
    expect(imports).toBe(1);
    expect(part.current).toBe(a);
    expect(await part.load()).toBe(a);
    expect(imports).toBe(1);
  });

  it('forgets a failed import, so the next request tries again', async () => {
    let attempts = 0;
    const part = new DeferredModule(async () => {
      attempts++;
      if (attempts === 1) throw new Error('chunk unreachable');
      return { attempts };
    });
    await expect(part.load()).rejects.toThrow('chunk unreachable');
    expect(part.current).toBeNull();
    expect(await part.load()).toEqual({ attempts: 2 });
    expect(part.current).toEqual({ attempts: 2 });
  });
});
