import { defineMessages } from './define'

export const adminConfig = defineMessages(
  {
    'admin-config.title': 'admin-config',
  },
  {
    'admin-config.title': 'admin-config',
  },
)
