import { defineMessages } from './define'

export const finance = defineMessages(
  {
    'finance.title': 'finance',
  },
  {
    'finance.title': 'finance',
  },
)
