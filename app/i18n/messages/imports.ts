import { defineMessages } from './define'

export const imports = defineMessages(
  {
    'imports.title': 'imports',
  },
  {
    'imports.title': 'imports',
  },
)
