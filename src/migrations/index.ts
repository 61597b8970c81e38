import * as migration_20261124_083120_initial from './20261124_083120_initial';

export const migrations = [
  {
    up: migration_20261124_083120_initial.up,
    down: migration_20261124_083120_initial.down,
    name: '20261124_083120_initial'
  },
];
