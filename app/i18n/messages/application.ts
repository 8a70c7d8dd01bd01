import { defineMessages } from './define'

export const application = defineMessages({}, {})
