import * as migration_20261124_083120_initial from './20261124_083120_initial';
import * as migration_20261124_085232_experiments_and_variants from './20261124_085232_experiments_and_variants';
import * as migration_20261124_090057_leads_events_settings from './20261124_090057_leads_events_settings';
import * as migration_20261124_091328_results_fields from './20261124_091328_results_fields';
import * as migration_20261124_093556_rollups from './20261124_093556_rollups';
import * as migration_20261125_161942_lead_review from './20261125_161942_lead_review';
import * as migration_20261125_162706_webhook_jobs from './20261125_162706_webhook_jobs';
import * as migration_20261125_164154_user_roles from './20261125_164154_user_roles';
import * as migration_20261125_164858_login_without_lockout from './20261125_164858_login_without_lockout';
import * as migration_20261125_165353_settings_privacy from './20261125_165353_settings_privacy';
import * as migration_20261125_184047_event_ids from './20261125_184047_event_ids';
import * as migration_20261125_191929_experiment_planning from './20261125_191929_experiment_planning';
import * as migration_20261125_193513_event_retention from './20261125_193513_event_retention';
import * as migration_20261125_194325_media_object_key from './20261125_194325_media_object_key';
import * as migration_20261125_200839_traffic_allocation from './20261125_200839_traffic_allocation';
import * as migration_20261125_213159_allocation_periods from './20261125_213159_allocation_periods';
import * as migration_20261125_214317_bandit from './20261125_214317_bandit';
import * as migration_20261125_215358_qa_links from './20261125_215358_qa_links';
import * as migration_20261125_215902_notifications from './20261125_215902_notifications';
import * as migration_20261125_221142_audiences from './20261125_221142_audiences';
import * as migration_20261125_222557_phases from './20261125_222557_phases';
import * as migration_20261126_003206_drafts from './20261126_003206_drafts';
import * as migration_20261126_010514_goals from './20261126_010514_goals';
import * as migration_20261126_011059_segments from './20261126_011059_segments';
import * as migration_20261126_013444_time_zone from './20261126_013444_time_zone';
import * as migration_20261126_013905_goal_kinds from './20261126_013905_goal_kinds';
import * as migration_20261126_014422_lead_value from './20261126_014422_lead_value';
import * as migration_20261126_040705_lead_form_goal from './20261126_040705_lead_form_goal';
import * as migration_20261126_041140_goal_daily from './20261126_041140_goal_daily';
import * as migration_20261126_043619_goal_added_at from './20261126_043619_goal_added_at';
import * as migration_20261126_074840_trim_event_indexes from './20261126_074840_trim_event_indexes';

export const migrations = [
  {
    up: migration_20261124_083120_initial.up,
    down: migration_20261124_083120_initial.down,
    name: '20261124_083120_initial',
  },
  {
    up: migration_20261124_085232_experiments_and_variants.up,
    down: migration_20261124_085232_experiments_and_variants.down,
    name: '20261124_085232_experiments_and_variants',
  },
  {
    up: migration_20261124_090057_leads_events_settings.up,
    down: migration_20261124_090057_leads_events_settings.down,
    name: '20261124_090057_leads_events_settings',
  },
  {
    up: migration_20261124_091328_results_fields.up,
    down: migration_20261124_091328_results_fields.down,
    name: '20261124_091328_results_fields',
  },
  {
    up: migration_20261124_093556_rollups.up,
    down: migration_20261124_093556_rollups.down,
    name: '20261124_093556_rollups',
  },
  {
    up: migration_20261125_161942_lead_review.up,
    down: migration_20261125_161942_lead_review.down,
    name: '20261125_161942_lead_review',
  },
  {
    up: migration_20261125_162706_webhook_jobs.up,
    down: migration_20261125_162706_webhook_jobs.down,
    name: '20261125_162706_webhook_jobs',
  },
  {
    up: migration_20261125_164154_user_roles.up,
    down: migration_20261125_164154_user_roles.down,
    name: '20261125_164154_user_roles',
  },
  {
    up: migration_20261125_164858_login_without_lockout.up,
    down: migration_20261125_164858_login_without_lockout.down,
    name: '20261125_164858_login_without_lockout',
  },
  {
    up: migration_20261125_165353_settings_privacy.up,
    down: migration_20261125_165353_settings_privacy.down,
    name: '20261125_165353_settings_privacy',
  },
  {
    up: migration_20261125_184047_event_ids.up,
    down: migration_20261125_184047_event_ids.down,
    name: '20261125_184047_event_ids',
  },
  {
    up: migration_20261125_191929_experiment_planning.up,
    down: migration_20261125_191929_experiment_planning.down,
    name: '20261125_191929_experiment_planning',
  },
  {
    up: migration_20261125_193513_event_retention.up,
    down: migration_20261125_193513_event_retention.down,
    name: '20261125_193513_event_retention',
  },
  {
    up: migration_20261125_194325_media_object_key.up,
    down: migration_20261125_194325_media_object_key.down,
    name: '20261125_194325_media_object_key',
  },
  {
    up: migration_20261125_200839_traffic_allocation.up,
    down: migration_20261125_200839_traffic_allocation.down,
    name: '20261125_200839_traffic_allocation',
  },
  {
    up: migration_20261125_213159_allocation_periods.up,
    down: migration_20261125_213159_allocation_periods.down,
    name: '20261125_213159_allocation_periods',
  },
  {
    up: migration_20261125_214317_bandit.up,
    down: migration_20261125_214317_bandit.down,
    name: '20261125_214317_bandit',
  },
  {
    up: migration_20261125_215358_qa_links.up,
    down: migration_20261125_215358_qa_links.down,
    name: '20261125_215358_qa_links',
  },
  {
    up: migration_20261125_215902_notifications.up,
    down: migration_20261125_215902_notifications.down,
    name: '20261125_215902_notifications',
  },
  {
    up: migration_20261125_221142_audiences.up,
    down: migration_20261125_221142_audiences.down,
    name: '20261125_221142_audiences',
  },
  {
    up: migration_20261125_222557_phases.up,
    down: migration_20261125_222557_phases.down,
    name: '20261125_222557_phases',
  },
  {
    up: migration_20261126_003206_drafts.up,
    down: migration_20261126_003206_drafts.down,
    name: '20261126_003206_drafts',
  },
  {
    up: migration_20261126_010514_goals.up,
    down: migration_20261126_010514_goals.down,
    name: '20261126_010514_goals',
  },
  {
    up: migration_20261126_011059_segments.up,
    down: migration_20261126_011059_segments.down,
    name: '20261126_011059_segments',
  },
  {
    up: migration_20261126_013444_time_zone.up,
    down: migration_20261126_013444_time_zone.down,
    name: '20261126_013444_time_zone',
  },
  {
    up: migration_20261126_013905_goal_kinds.up,
    down: migration_20261126_013905_goal_kinds.down,
    name: '20261126_013905_goal_kinds',
  },
  {
    up: migration_20261126_014422_lead_value.up,
    down: migration_20261126_014422_lead_value.down,
    name: '20261126_014422_lead_value',
  },
  {
    up: migration_20261126_040705_lead_form_goal.up,
    down: migration_20261126_040705_lead_form_goal.down,
    name: '20261126_040705_lead_form_goal',
  },
  {
    up: migration_20261126_041140_goal_daily.up,
    down: migration_20261126_041140_goal_daily.down,
    name: '20261126_041140_goal_daily',
  },
  {
    up: migration_20261126_043619_goal_added_at.up,
    down: migration_20261126_043619_goal_added_at.down,
    name: '20261126_043619_goal_added_at',
  },
  {
    up: migration_20261126_074840_trim_event_indexes.up,
    down: migration_20261126_074840_trim_event_indexes.down,
    name: '20261126_074840_trim_event_indexes'
  },
];
