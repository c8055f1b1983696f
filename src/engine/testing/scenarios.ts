import type { ScenarioInput } from '../scenarios/schema';

/** Test helper: two hosts on a two-port router, with overridable links and traffic. */
export function twoHosts(
  overrides: Partial<ScenarioInput> = {},
  link: Record<string, unknown> = {},
): ScenarioInput {
  return {
    name: 'two-hosts',
    seed: 7,
    router: {
      ports: [
        { name: 'eth0', prefix: '192.0.2.0/24' },
        { name: 'eth1', prefix: '198.51.100.0/24' },
      ],
    },
    hosts: [
      { name: 'a', address: '192.0.2.10', port: 'eth0', link },
      { name: 'b', address: '198.51.100.20', port: 'eth1', link },
    ],
    ...overrides,
  };
}
