export * from './schema';
export * from './validate';
export { builtinScenarios, builtinScenarioNames } from './builtins';
