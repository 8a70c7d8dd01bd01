import { defineMessages } from './define'

export const financeDashboard = defineMessages(
  {
    'financeDashboard.title': '经费概览',
  },
  {
    'financeDashboard.title': 'Funds overview',
  },
)
