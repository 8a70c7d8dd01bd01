import { defineMessages } from './define'

export const dashboard = defineMessages(
  {
    'dashboard.title': 'dashboard',
  },
  {
    'dashboard.title': 'dashboard',
  },
)
