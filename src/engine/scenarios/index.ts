export * from './schema';
export { CheckpointSchema, FirewallSchema, SupervisorSchema } from './schema-firewall';
export * from './validate';
export { builtinScenarios, builtinScenarioNames } from './builtins';
export { applyOverrides, type RunOverrides } from './overrides';
