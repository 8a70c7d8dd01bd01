import { defineMessages } from './define'

export const documents = defineMessages({}, {})
