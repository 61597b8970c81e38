// MongoDB's migrations (data changes; collections and indexes come from the adapter). Applied by
// `npm run migrate` / `npm run dev`, and on first use in production (`prodMigrations`), one
// instance at a time (the start-up lock). Add one by hand: a file with `up`/`down`, listed here.
import * as migration_20261125_190000_user_roles from './20261125_190000_user_roles'
import * as migration_20261126_010000_drafts from './20261126_010000_drafts'
import * as migration_20261126_041500_goal_daily from './20261126_041500_goal_daily'
import * as migration_20261126_080000_trim_event_indexes from './20261126_080000_trim_event_indexes'

export const mongoMigrations = [
  {
    up: migration_20261125_190000_user_roles.up,
    down: migration_20261125_190000_user_roles.down,
    name: '20261125_190000_user_roles',
  },
  {
    up: migration_20261126_010000_drafts.up,
    down: migration_20261126_010000_drafts.down,
    name: '20261126_010000_drafts',
  },
  {
    up: migration_20261126_041500_goal_daily.up,
    down: migration_20261126_041500_goal_daily.down,
    name: '20261126_041500_goal_daily',
  },
  {
    up: migration_20261126_080000_trim_event_indexes.up,
    down: migration_20261126_080000_trim_event_indexes.down,
    name: '20261126_080000_trim_event_indexes',
  },
]
