import * as migration_20261124_083120_initial from './20261124_083120_initial';
import * as migration_20261124_085232_experiments_and_variants from './20261124_085232_experiments_and_variants';

export const migrations = [
  {
    up: migration_20261124_083120_initial.up,
    down: migration_20261124_083120_initial.down,
    name: '20261124_083120_initial',
  },
  {
    up: migration_20261124_085232_experiments_and_variants.up,
    down: migration_20261124_085232_experiments_and_variants.down,
    name: '20261124_085232_experiments_and_variants'
  },
];
